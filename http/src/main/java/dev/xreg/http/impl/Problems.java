package dev.xreg.http.impl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP: an RFC 9457 problem document in the
 * spec's field order (type, title, detail, subject, args, instance), status from the
 * error catalogue, {@code Allow} for {@code action_not_supported}.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  public static void write(RoutingContext ctx, Throwable failure, String requestPath) {
    XRegistryException error = asRegistryError(failure, requestPath);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      LOG.warn("event=error_after_headers path={} error={}", requestPath, failure.toString());
      response.reset();
      return;
    }
    response.setStatusCode(error.type().status());
    if (!error.allow().isEmpty()) {
      response.putHeader("Allow", String.join(", ", error.allow()));
    }
    response.putHeader("Content-Type", ReplyWriter.JSON);
    response.end(Buffer.buffer(Json.bytes(body(error))));
  }

  static ObjectNode body(XRegistryException e) {
    ObjectNode o = Json.object();
    o.put("type", e.type().typeUri());
    o.put("title", e.title());
    if (e.detail() != null) {
      o.put("detail", e.detail());
    }
    if (e.subject() != null) {
      o.put("subject", e.subject());
    }
    Map<String, String> args = e.args();
    if (!args.isEmpty()) {
      ObjectNode a = o.putObject("args");
      args.forEach(a::put);
    }
    return o;
  }

  private static XRegistryException asRegistryError(Throwable failure, String path) {
    if (failure instanceof XRegistryException x) {
      return x;
    }
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      return XRegistryException.of(ErrorType.SERVER_BUSY, path)
          .detail("the storage layer did not answer in time").build();
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("event=server_error path={} incident={}", path, incident, failure);
    return XRegistryException.of(ErrorType.SERVER_ERROR, path)
        .detail("incident " + incident + " is in the server log").build();
  }
}
