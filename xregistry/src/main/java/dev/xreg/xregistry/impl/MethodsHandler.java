package dev.xreg.xregistry.impl;

import dev.xreg.core.error.XRegistryException;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.xregistry.AllowedMethods;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests whose method is no xRegistry operation: {@code OPTIONS} answers 200 with the
 * methods the path supports in both {@code Allow} and {@code Access-Control-Allow-Methods}
 * (http.md "HTTP OPTIONS Method"; a CORS preflight was answered before, by the CORS handler),
 * any other method gets {@code action_not_supported} (405) with the same {@code Allow} (RFC 9110
 * 15.5.6). The list comes from the engine, which resolves the path against the model; nothing
 * is changed.
 */
public final class MethodsHandler implements Handler<RoutingContext> {
  private final Future<EngineClient> storage;

  public MethodsHandler(Future<EngineClient> storage) {
    this.storage = storage;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = RegistryHandler.relative(ctx);
    HttpMethod method = ctx.request().method();
    EngineClient.onContext(storage.compose(s -> s.send(new AllowedMethods(path))), io.vertx.core.Vertx.currentContext())
        .onComplete(ar -> {
      if (ar.failed()) {
        Problems.write(ctx, ar.cause(), path);
        return;
      }
      String allow = String.join(", ", ar.result());
      if (method == HttpMethod.OPTIONS) {
        ctx.response().putHeader("Allow", allow).putHeader("Access-Control-Allow-Methods", allow);
        ReplyWriter.end(ctx.response().setStatusCode(200), new byte[0]);
      } else {
        Problems.write(ctx, XRegistryException.notSupported(method.name(), path,
            ar.result().toArray(String[]::new)), path);
      }
    });
  }
}
