package dev.xreg.events;

import dev.xreg.api.Access;
import dev.xreg.api.ApiContext;
import dev.xreg.api.ApiModule;
import dev.xreg.api.Caller;
import dev.xreg.api.Principals;
import dev.xreg.api.PublicUrls;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.events.CreateSubscription;
import dev.xreg.storage.events.DeleteSubscription;
import dev.xreg.storage.events.GetSubscription;
import dev.xreg.storage.events.ListSubscriptions;
import dev.xreg.storage.events.Subscription;
import dev.xreg.storage.events.UpdateSubscription;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CloudEvents Subscriptions API (3.2.5, with the HTTP binding's placeholders of 3.3) at
 * {@code /-/subscriptions}: {@code POST} creates (the server picks the ID), {@code GET} lists
 * or retrieves, {@code PUT /{id}} updates, {@code DELETE /{id}} deletes and returns the
 * subscription. A subscription that fails its checks (sink, protocol, settings, filter
 * dialects, an internal sink address) is refused with 400 and nothing is stored. Each
 * subscription also shows xreg's delivery state: {@code status} ({@code active} or
 * {@code deadletter}), {@code attempts}, {@code lasterror}, {@code delivered}, {@code position},
 * and {@code owner}.
 *
 * <p>Who may do what (issues 19, 20; docs/events.md "Who sees what"): any authenticated caller may
 * create a subscription, which keeps its creator as owner ({@link Principals}) and delivers only
 * the events the owner may read when each is sent. An admin of {@code /-/subscriptions} sees and
 * changes every subscription; anyone else only their own (another's is 404, as if absent).
 * Anonymous callers may create none.
 */
public final class SubscriptionsApi implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsApi.class);
  static final String PATH = "/-/subscriptions";
  private static final long MAX_BODY_BYTES = 64 * 1024;
  /** Threads resolving sink host names (blocking JDK resolver), shared by every verticle instance. */
  private static final int RESOLVER_THREADS = 2;

  /** The node-wide flag that one {@link Delivery} runs (the server deploys several verticle instances). */
  static final String DELIVERY_MAP = "xreg.events";
  static final String DELIVERY_KEY = "delivery";

  private final EventsOptions options;
  private final DeliveryObserver observer;
  private final Principals principals;
  /** The node's delivery if this instance started it (one per node); stopped with the server. */
  private volatile Delivery delivery;
  private volatile FeedTrimming trimming;
  private volatile boolean stopped;

  public SubscriptionsApi(EventsOptions options) {
    this(options, DeliveryObserver.NONE);
  }

  /** {@code observer}: where delivery reports its metrics. */
  public SubscriptionsApi(EventsOptions options, DeliveryObserver observer) {
    this(options, observer, Principals.OPEN);
  }

  /** {@code principals}: who subscriptions act for, from the server's authentication. */
  public SubscriptionsApi(EventsOptions options, DeliveryObserver observer, Principals principals) {
    this.options = options;
    this.observer = observer;
    this.principals = principals;
  }

  /**
   * Reading needs a known caller (or anonymous reads, which then list nothing); anything else a
   * known caller. Which subscriptions a caller sees is decided here, by owner.
   */
  @Override
  public List<Access> access(HttpMethod method, String path, MultiMap params) {
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    return List.of(new Access(Access.Kind.SERVER, "", read ? Access.Action.READ : Access.Action.WRITE));
  }

  @Override
  public String name() {
    return "subscriptions";
  }

  @Override
  public Mount mount() {
    return Mount.BASE_PATH;
  }

  @Override
  public String mountPath() {
    return PATH;
  }

  /**
   * Stops this node's delivery and feed trimming if this instance runs them ({@link Delivery#stop}:
   * the round in flight finishes, the leases go back), so a later deployment on the same Vert.x
   * starts new ones and nothing of this one keeps running.
   */
  @Override
  public Future<Void> stop() {
    stopped = true;
    FeedTrimming trim = trimming;
    if (trim != null) {
      trimming = null;
      trim.stop();
    }
    Delivery d = delivery;
    if (d == null) {
      return Future.succeededFuture();
    }
    delivery = null;
    return d.stop().onComplete(x -> d.forget());
  }

  @Override
  public Router router(ApiContext context) {
    SinkPolicy sinks = new SinkPolicy(options.allowedSinks(),
        context.vertx().createSharedWorkerExecutor("xreg-events-resolver", RESOLVER_THREADS));
    // one delivery per node (the server deploys several verticle instances, each asking for a router)
    if (context.vertx().sharedData().getLocalMap(DELIVERY_MAP).putIfAbsent(DELIVERY_KEY, Boolean.TRUE) == null) {
      context.engine().onSuccess(engine -> {
        if (stopped) {
          context.vertx().sharedData().getLocalMap(DELIVERY_MAP).remove(DELIVERY_KEY);
          return;
        }
        Delivery started = new Delivery(context.vertx(), engine, options, sinks, observer, principals);
        started.start();
        delivery = started;
        FeedTrimming trim = new FeedTrimming(context.vertx(), engine, options);
        trim.start();
        trimming = trim;
      });
    }
    Router router = Router.router(context.vertx());
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.post("/").handler(ctx -> definition(ctx, context, sinks, null)
        .compose(def -> engine(context, e -> e.send(new CreateSubscription(UUID.randomUUID().toString(),
            def.json().encode(), owner(ctx)))))
        .onSuccess(s -> {
          String location = context.publicUrls().origin(ctx.request()) + PublicUrls.mountPoint(ctx) + "/" + s.id();
          json(ctx.response().setStatusCode(201).putHeader(HttpHeaders.LOCATION, location), render(s));
          LOG.info("event=subscription_created id={}", s.id());
        })
        .onFailure(err -> fail(ctx, err)));
    router.get("/").handler(ctx -> engine(context, e -> e.send(new ListSubscriptions()))
        .onSuccess(list -> {
          JsonArray out = new JsonArray();
          list.stream().filter(s -> mine(ctx, s)).forEach(s -> out.add(render(s)));
          json(ctx.response(), out);
        })
        .onFailure(err -> fail(ctx, err)));
    router.get("/:id").handler(ctx -> own(ctx, context)
        .onSuccess(s -> found(ctx, s))
        .onFailure(err -> fail(ctx, err)));
    router.put("/:id").handler(ctx -> own(ctx, context)
        .compose(s -> s == null ? Future.succeededFuture() : definition(ctx, context, sinks, ctx.pathParam("id"))
            .compose(def -> engine(context, e -> e.send(new UpdateSubscription(ctx.pathParam("id"), def.json().encode())))))
        .onSuccess(s -> found(ctx, s))
        .onFailure(err -> fail(ctx, err)));
    router.delete("/:id").handler(ctx -> own(ctx, context)
        .compose(s -> s == null ? Future.<Subscription>succeededFuture()
            : engine(context, e -> e.send(new DeleteSubscription(ctx.pathParam("id")))))
        .onSuccess(s -> {
          if (s != null) {
            observer.removed(s.id()); // this node's meters of it; other nodes keep theirs until restart
          }
          found(ctx, s);
        })
        .onFailure(err -> fail(ctx, err)));
    router.route().handler(ctx -> Problem.write(ctx, 405, "the Subscriptions API serves POST and GET " + PATH
        + ", and GET, PUT, DELETE " + PATH + "/{id}"));
    return router;
  }

  /** The checked definition in the request body; for an update, a body {@code id} must be the path's. */
  private static Future<SubscriptionDefinition> definition(RoutingContext ctx, ApiContext context, SinkPolicy sinks,
      String pathId) {
    JsonObject body;
    try {
      Object parsed = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
      if (!(parsed instanceof JsonObject o)) {
        return Future.failedFuture(new InvalidSubscription("the body must be a JSON subscription object"));
      }
      body = o;
    } catch (DecodeException e) {
      return Future.failedFuture(new InvalidSubscription("the body is not JSON: " + e.getMessage()));
    }
    if (pathId != null && body.containsKey("id") && !pathId.equals(body.getValue("id"))) {
      return Future.failedFuture(new InvalidSubscription("the body's id is not the id in the path"));
    }
    try {
      SubscriptionDefinition def = SubscriptionDefinition.parse(body, EventsApi.registryRoot(context, ctx, PATH));
      return sinks.check(def.sink()).map(def);
    } catch (InvalidSubscription e) {
      return Future.failedFuture(e);
    }
  }

  /** The caller as the new subscription's owner (null with authentication off: no restriction). */
  private String owner(RoutingContext ctx) {
    JsonObject described = principals.describe(ctx);
    return described == null ? null : described.encode();
  }

  /** The subscription of the path if the caller may see it, else null (answered 404, as if absent). */
  private static Future<Subscription> own(RoutingContext ctx, ApiContext context) {
    return engine(context, e -> e.send(new GetSubscription(ctx.pathParam("id"))))
        .map(s -> s != null && mine(ctx, s) ? s : null);
  }

  /** Whether the caller may see {@code s}: an admin of subscriptions sees all, anyone else their own. */
  private static boolean mine(RoutingContext ctx, Subscription s) {
    Caller caller = Caller.of(ctx);
    if (caller.may(Access.registry(PATH, Access.Action.ADMIN))) {
      return true;
    }
    String owner = Principals.name(s.owner() == null ? null : new JsonObject(s.owner()));
    return !caller.anonymous() && !owner.isEmpty() && owner.equals(caller.name());
  }

  private static <T> Future<T> engine(ApiContext context, Function<EngineClient, Future<T>> call) {
    return context.engine().compose(call);
  }

  /** The subscription as clients see it: its definition, its ID and xreg's delivery state. */
  static JsonObject render(Subscription s) {
    JsonObject out = new JsonObject().put("id", s.id());
    out.mergeIn(SubscriptionDefinition.stored(s.definition()).visible());
    out.put("status", s.status()).put("attempts", s.attempts()).put("delivered", s.delivered())
        .put("position", s.afterIndex() == Subscription.WHOLE_TRANSACTION ? s.afterTx()
            : EventPosition.format(s.afterTx(), s.afterIndex()));
    if (s.lastError() != null) {
      out.put("lasterror", s.lastError());
    }
    String owner = Principals.name(s.owner() == null ? null : new JsonObject(s.owner()));
    if (!owner.isEmpty()) {
      out.put("owner", owner);
    }
    return out;
  }

  private static void found(RoutingContext ctx, Subscription s) {
    if (s == null) {
      Problem.write(ctx, 404, "no subscription " + ctx.pathParam("id"));
    } else {
      json(ctx.response(), render(s));
    }
  }

  private static void json(io.vertx.core.http.HttpServerResponse response, Object body) {
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body instanceof JsonObject o ? o.encode()
        : ((JsonArray) body).encode());
  }

  private static void fail(RoutingContext ctx, Throwable err) {
    if (err instanceof InvalidSubscription) {
      Problem.write(ctx, 400, err.getMessage());
    } else {
      LOG.warn("event=subscription_request_failed cause={}", err.toString());
      Problem.write(ctx, 503, "the subscription could not be stored or read; try again");
    }
  }

  @Override
  public String routeTemplate(String path) {
    return path.equals("/") || path.isEmpty() ? PATH : PATH + "/{id}";
  }

  @Override
  public void failure(RoutingContext ctx, int status, String detail) {
    Problem.write(ctx, status, detail);
  }
}
