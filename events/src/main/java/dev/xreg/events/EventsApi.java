package dev.xreg.events;

import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.Caller;
import dev.xreg.api.PublicUrls;
import dev.xreg.storage.feed.FeedTrimmedThrough;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /-/events}: every committed xRegistry change as CloudEvents over Server-Sent
 * Events (issue 20), in xreg's own {@code /-/} namespace below the base path, which no Group
 * type can take. {@code Last-Event-ID} resumes after an event; {@code ?subject=} keeps the
 * events whose subject starts with the given prefix.
 */
public final class EventsApi implements ApiModule {
  static final String PATH = "/-/events";
  /** How long a stream at the end of the feed waits for other nodes' commits before reading again. */
  private final long pollMillis;

  public EventsApi() {
    this(EventsOptions.defaults());
  }

  public EventsApi(EventsOptions options) {
    this.pollMillis = options.pollMillis();
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public Mount mount() {
    return Mount.BASE_PATH;
  }

  @Override
  public String mountPath() {
    return PATH;
  }

  @Override
  public Router router(ApiContext context) {
    Router router = Router.router(context.vertx());
    router.get("/").handler(ctx -> {
      String subject = ctx.request().getParam("subject");
      if (subject != null && !subject.startsWith("/")) {
        failure(ctx, 400, "subject must be an xid prefix starting with '/'");
        return;
      }
      String lastId = ctx.request().getHeader("Last-Event-ID");
      EventPosition resume = EventPosition.parse(lastId);
      if (lastId != null && !lastId.isBlank() && resume == null) {
        failure(ctx, 400, "Last-Event-ID is not an event ID of this stream: " + lastId);
        return;
      }
      String source = registryRoot(context, ctx, PATH);
      context.engine().onSuccess(engine -> {
        Future<String> trimmed = resume == null ? Future.succeededFuture("0") : engine.send(new FeedTrimmedThrough());
        trimmed.onSuccess(through -> {
          if (resume != null && resume.tx() <= Long.parseLong(through)) {
            // the changes after it may be gone: resuming would silently skip them
            failure(ctx, 410, "Last-Event-ID " + lastId + " is older than the change feed keeps"
                + " (XREG_EVENTS_RETENTION_SECONDS); reconnect without Last-Event-ID to follow from now");
            return;
          }
          new EventStream(context.vertx(), engine, ctx.response(), source, subject, pollMillis, Caller.of(ctx))
              .start(resume);
        }).onFailure(err -> failure(ctx, 503, "the change feed is not available"));
      }).onFailure(err -> failure(ctx, 503, "the storage engine is not available"));
    });
    router.route().handler(ctx -> failure(ctx, ctx.request().path().equals(ctx.mountPoint()) ? 405 : 404,
        "only GET " + PATH + " is served here"));
    return router;
  }

  /**
   * The Registry's root URL (its {@code self}, the events' {@code source}) for a request to the
   * API mounted at {@code path} (the router's mount point, whatever the route below it).
   */
  static String registryRoot(ApiContext context, RoutingContext ctx, String path) {
    String mount = PublicUrls.mountPoint(ctx);
    String root = mount.endsWith(path) ? mount.substring(0, mount.length() - path.length()) : mount;
    return context.publicUrls().origin(ctx.request()) + root + "/";
  }

  @Override
  public String routeTemplate(String path) {
    return PATH;
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    Problem.write(ctx, status, detail);
  }
}
