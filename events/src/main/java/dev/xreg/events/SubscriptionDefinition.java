package dev.xreg.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subscription as the CloudEvents Subscriptions API defines it (3.2.1), checked: an absolute
 * {@code http(s)} {@code sink}, {@code protocol} {@code HTTP} (the only one xreg delivers), its
 * {@code protocolsettings} ({@code method}, {@code headers}, and xreg's {@code contentmode}
 * {@code structured} or {@code binary} and {@code secret}, the key of an HMAC signature of each
 * body, write-only), {@code types}, {@code source}, {@code filters}. The
 * normalized JSON is what is stored and shown; {@code registry} (the root URL events name as
 * their {@code source}) is kept beside it, under a key no client sees.
 */
public record SubscriptionDefinition(JsonObject json, URI sink, String method, Map<String, String> headers,
    boolean binary, String secret, List<String> types, String source, EventFilter filter, String registry) {

  /** Where the stored definition keeps the Registry root URL; '$' keys are never shown. */
  static final String REGISTRY_KEY = "$registry";
  private static final Set<String> KNOWN = Set.of("id", "source", "types", "config", "filters", "sink", "protocol",
      "protocolsettings");
  private static final int MIN_SECRET_LENGTH = 16;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Checks a client's subscription object; {@code registry} is the Registry root URL of the request. */
  public static SubscriptionDefinition parse(JsonObject body, String registry) throws InvalidSubscription {
    for (String key : body.fieldNames()) {
      if (!KNOWN.contains(key)) {
        throw new InvalidSubscription("unknown subscription property \"" + key + "\"");
      }
    }
    JsonObject out = new JsonObject();
    URI sink = sink(body.getValue("sink"));
    out.put("sink", sink.toString());
    if (!"HTTP".equals(body.getValue("protocol"))) {
      throw new InvalidSubscription("protocol must be \"HTTP\" (case-sensitive), the only protocol delivered");
    }
    out.put("protocol", "HTTP");
    JsonObject settings = object(body, "protocolsettings");
    String method = "POST";
    Map<String, String> headers = new LinkedHashMap<>();
    boolean binary = false;
    String secret = null;
    if (settings != null) {
      for (String key : settings.fieldNames()) {
        Object v = settings.getValue(key);
        switch (key) {
          case "method" -> {
            if (!(v instanceof String m) || !TOKEN.matcher(m).matches()) {
              throw new InvalidSubscription("protocolsettings.method must be an HTTP method name");
            }
            method = m.toUpperCase(java.util.Locale.ROOT);
          }
          case "headers" -> {
            if (!(v instanceof JsonObject h)) {
              throw new InvalidSubscription("protocolsettings.headers must be an object of strings");
            }
            for (Map.Entry<String, Object> e : h) {
              if (!TOKEN.matcher(e.getKey()).matches() || !(e.getValue() instanceof String value)
                  || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new InvalidSubscription("protocolsettings.headers must map header names to single-line strings");
              }
              headers.put(e.getKey(), value);
            }
          }
          case "contentmode" -> {
            if (!"structured".equals(v) && !"binary".equals(v)) {
              throw new InvalidSubscription("protocolsettings.contentmode is \"structured\" or \"binary\"");
            }
            binary = "binary".equals(v);
          }
          case "secret" -> {
            if (!(v instanceof String k) || k.length() < MIN_SECRET_LENGTH) {
              throw new InvalidSubscription("protocolsettings.secret must be a string of at least "
                  + MIN_SECRET_LENGTH + " characters");
            }
            secret = k;
          }
          case "signed" -> {
            // shown instead of the secret; sent back by a client that PUTs what it read, and ignored
          }
          default -> throw new InvalidSubscription("unknown HTTP protocol setting \"" + key + "\"");
        }
      }
    }
    JsonObject normalized = new JsonObject().put("method", method).put("headers", new JsonObject(
        new LinkedHashMap<>(headers))).put("contentmode", binary ? "binary" : "structured");
    if (secret != null) {
      normalized.put("secret", secret);
    }
    out.put("protocolsettings", normalized);
    List<String> types = null;
    if (body.containsKey("types")) {
      if (!(body.getValue("types") instanceof JsonArray t) || t.isEmpty()
          || t.stream().anyMatch(x -> !(x instanceof String s) || s.isEmpty())) {
        throw new InvalidSubscription("types must be a non-empty array of non-empty strings");
      }
      types = t.stream().map(String.class::cast).toList();
      out.put("types", new JsonArray(List.copyOf(types)));
    }
    String source = null;
    if (body.containsKey("source")) {
      if (!(body.getValue("source") instanceof String s) || s.isEmpty()) {
        throw new InvalidSubscription("source must be a non-empty URI");
      }
      source = s;
      out.put("source", s);
    }
    EventFilter filter = e -> true;
    if (body.containsKey("filters")) {
      if (!(body.getValue("filters") instanceof JsonArray f)) {
        throw new InvalidSubscription("filters must be an array of filter expressions");
      }
      filter = EventFilter.allOf(f);
      out.put("filters", f.copy());
    }
    JsonObject config = object(body, "config");
    if (config != null) {
      out.put("config", config.copy());
    }
    out.put(REGISTRY_KEY, registry);
    return new SubscriptionDefinition(out, sink, method, headers, binary, secret, types, source, filter, registry);
  }

  /** A stored definition, checked when it was stored. */
  public static SubscriptionDefinition stored(String json) {
    JsonObject o = new JsonObject(json);
    String registry = o.getString(REGISTRY_KEY);
    JsonObject body = o.copy();
    body.remove(REGISTRY_KEY);
    try {
      return parse(body, registry);
    } catch (InvalidSubscription e) {
      throw new IllegalStateException("a stored subscription no longer parses: " + e.getMessage(), e);
    }
  }

  /** Whether {@code event} is for this subscription: its types, source and filters. */
  public boolean matches(JsonObject event) {
    return (types == null || types.contains(event.getString("type")))
        && (source == null || source.equals(event.getString("source")))
        && filter.test(event);
  }

  /**
   * The definition as clients see it: without xreg's bookkeeping, and the secret write-only
   * (Subscriptions API 3.2.1 "sinkcredential": secrets are not shown), only that one is set.
   */
  public JsonObject visible() {
    JsonObject v = json.copy();
    v.remove(REGISTRY_KEY);
    JsonObject settings = v.getJsonObject("protocolsettings");
    if (settings != null && settings.remove("secret") != null) {
      settings.put("signed", true);
    }
    return v;
  }

  private static URI sink(Object value) throws InvalidSubscription {
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new InvalidSubscription("sink is required: the absolute http(s) URL events are sent to");
    }
    try {
      URI uri = new URI(s);
      if (!uri.isAbsolute() || uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
        throw new InvalidSubscription("sink must be an absolute http or https URL with a host,"
            + " no user info and no fragment: " + s);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidSubscription("sink is not a URL: " + s);
    }
  }

  private static JsonObject object(JsonObject body, String key) throws InvalidSubscription {
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw new InvalidSubscription(key + " must be an object");
    }
    return o;
  }
}
