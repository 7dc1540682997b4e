package dev.xreg.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP answer, body fully read. */
public record Reply(String method, URI uri, int status, HttpHeaders headers, byte[] body) {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;[^,<]*)*)");

  public boolean ok() {
    return status >= 200 && status <= 299;
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body as JSON, or a server failure naming the request when it is not JSON. */
  public JsonNode json() {
    if (body.length == 0) {
      return Json.MAPPER.nullNode();
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.SERVER_FAILURE,
          method + " " + uri + " answered " + status + " with a body that is not JSON: " + Json.reason(e));
    }
  }

  /**
   * True when this is a Resource's or Version's document rather than xRegistry metadata: the
   * server then describes the entity in {@code xRegistry-*} headers (spec: documents).
   */
  public boolean isDocument() {
    return headers.map().keySet().stream().anyMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("xregistry-"));
  }

  /** Whether the body parses as JSON. */
  public boolean isJson() {
    try {
      Json.MAPPER.readTree(body);
      return body.length > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The target of {@code Link: <...>;rel=next} (pagination spec), if any. */
  public Optional<URI> nextPage() {
    for (String value : headers.allValues("Link")) {
      Matcher m = LINK.matcher(value);
      while (m.find()) {
        for (String param : m.group(2).split(";")) {
          String p = param.trim().replace("\"", "");
          if (p.equalsIgnoreCase("rel=next")) {
            return Optional.of(uri.resolve(m.group(1)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Throws the server's refusal (exit 1 for 4xx, 3 otherwise) unless the status is 2xx. */
  public Reply requireOk() {
    if (!ok()) {
      throw Problem.of(this).failure();
    }
    return this;
  }
}
