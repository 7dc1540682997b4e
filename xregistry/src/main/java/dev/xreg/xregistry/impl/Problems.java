package dev.xreg.xregistry.impl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import io.vertx.core.http.HttpServerResponse;
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
    if (error.type().status() == 503) { // busy: worth retrying shortly (RFC 9110 10.2.3, issue 13)
      response.putHeader("Retry-After", "1");
    }
    if (!error.allow().isEmpty()) {
      response.putHeader("Allow", String.join(", ", error.allow()));
    }
    response.putHeader("Content-Type", ReplyWriter.JSON);
    ReplyWriter.end(response, Json.bytes(body(error)));
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

  /**
   * The xRegistry API's one table from the engine's {@link FailureKind} to the error
   * catalogue, for failures that are not already xRegistry errors. Engine failures were
   * logged (with their incident) where they happened; anything else is logged here once.
   */
  static XRegistryException asRegistryError(Throwable failure, String path) {
    if (failure instanceof XRegistryException x) {
      return x;
    }
    EngineFailure engine = failure instanceof EngineFailure f ? f : null;
    String subject = engine != null && engine.subject() != null ? engine.subject() : path;
    String detail = engine != null ? engine.detail() : null;
    FailureKind kind = FailureKind.of(failure);
    return switch (kind) {
      case BUSY -> XRegistryException.of(ErrorType.SERVER_BUSY, subject)
          .detail(detail != null ? detail : "the storage layer did not answer in time").build();
      case UNAVAILABLE -> XRegistryException.of(ErrorType.DATA_RETRIEVAL_ERROR, subject)
          .detail(detail != null ? detail : incident(failure, path)).build();
      case NOT_FOUND -> XRegistryException.of(ErrorType.NOT_FOUND, subject).detail(detail).build();
      case FORBIDDEN -> XRegistryException.of(ErrorType.FORBIDDEN, subject)
          .errorDetail(detail != null ? detail : "not allowed").build();
      case PRECONDITION_FAILED -> XRegistryException.of(ErrorType.PRECONDITION_FAILED, subject)
          .errorDetail(detail != null ? detail : "the precondition does not hold").build();
      case TOO_LARGE -> XRegistryException.of(ErrorType.PAYLOAD_TOO_LARGE, subject)
          .errorDetail(detail != null ? detail : "too large").build();
      case INVALID, CONFLICT, NOT_ALLOWED -> XRegistryException.of(ErrorType.BAD_REQUEST, subject)
          .errorDetail(detail != null ? detail : String.valueOf(failure.getMessage())).build();
      case INTERNAL -> XRegistryException.of(ErrorType.SERVER_ERROR, subject)
          .detail(detail != null ? detail : incident(failure, path)).build();
    };
  }

  /** Logs an unexpected failure once and names its incident for the client. */
  private static String incident(Throwable failure, String path) {
    String incident = UUID.randomUUID().toString();
    LOG.error("event=server_error path={} incident={}", path, incident, failure);
    return "incident " + incident + " is in the server log";
  }
}
