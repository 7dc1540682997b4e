package dev.xreg.it;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * Generates hostile requests for {@link FuzzIT} from one {@link Random}, so a seed replays a
 * run exactly: JSON bodies random or mutated from valid ones, paths, query flags, headers and
 * schema documents, each drawn from what the xRegistry binding gives meaning to and then bent.
 */
final class FuzzInputs {
  /** One request as bytes go on the wire (path and query already escaped or deliberately not). */
  record Request(String method, String target, Map<String, String> headers, byte[] body) {
    String describe() {
      String b = new String(body, StandardCharsets.UTF_8);
      return method + " " + target + " " + headers + " body=" + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
    }
  }

  private static final List<String> ATTRIBUTES = List.of("name", "description", "epoch", "labels", "versionid",
      "schemaid", "schemagroupid", "ancestorid", "isdefault", "defaultversionid", "defaultversionsticky", "format",
      "schema", "schemabase64", "schemaurl", "createdat", "modifiedat", "versions", "meta", "self", "xid",
      "contenttype", "documentation", "compatibility", "readonly", "versionscount", "schemas", "schemagroups",
      "specversion", "registryid", "$details", "", "x-ext", "NAME", "a.b");
  private static final List<String> STRINGS = List.of("", "a", "null", "request", "1", "-1", "\u0000", "a\u0000b",
      "\ud800", "a\udc00b", "\uffff", "\u202e", "../..", "/", "%00", "x".repeat(5000), "2024-13-45T99:99:99Z",
      "1970-01-01T00:00:00Z", "Avro/1.11", "JsonSchema/draft-07", "Protobuf/3", "XSD/1.0", "backward", "*");
  private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "2147483648", "9007199254740993",
      "9223372036854775808", "18446744073709551617", "-18446744073709551615", "1e999999", "1.5", "-0.0",
      "1E+2", "0.0000000000000000000001", "1" + "0".repeat(400));
  private static final List<String> SEGMENTS = List.of("g1", "s1", "1", "..", ".", "%2e%2e", "%2F", "a%00",
      "%C0%AF", "%ff", "x".repeat(300), "$details", "a$details", "-a", "~", "%20", "%E2%82%AC", "A", "G1",
      "versions", "meta", "schemas", "%", "%z", "a%2", ";", "a;b=c", "@", ":", "_", "%3F");
  private static final List<String> BASES = List.of("/", "/schemagroups", "/schemagroups/g1",
      "/schemagroups/g1/schemas", "/schemagroups/g1/schemas/s1", "/schemagroups/g1/schemas/s1$details",
      "/schemagroups/g1/schemas/s1/versions", "/schemagroups/g1/schemas/s1/versions/1",
      "/schemagroups/g1/schemas/s1/versions/1$details", "/schemagroups/g1/schemas/s1/meta", "/export", "/model",
      "/capabilities", "/schemagroups/g2/schemas/s9/versions/v9");
  private static final List<String> FLAGS = List.of("inline", "filter", "sort", "limit", "cursor", "epoch",
      "specversion", "doc", "ignore", "collections", "nested", "binary", "setdefaultversionid", "compact", "x");
  private static final List<String> FLAG_VALUES = List.of("", "*", "schemas", "schemas.versions", "versions",
      "meta", "%", "%zz", "a,,b", "name=a", "=", "name=%00", "epoch>x", "name=asc", "name=sideways", "-1",
      "0", "1e3", "99999999999999999999", "abc", "18446744073709551617", "9.9", "true", "epoch", "..",
      "schemas.versions.x", "name=*", "labels.k=v", "%C0%AF", "a".repeat(3000));
  private static final List<String> HEADER_NAMES = List.of("xRegistry-name", "xRegistry-epoch",
      "xRegistry-labels.k", "xRegistry-versionid", "xRegistry-ancestorid", "xRegistry-isdefault", "xRegistry-format",
      "xRegistry-schema", "xRegistry-defaultversionid", "xRegistry-createdat", "xRegistry-", "xRegistry-labels.",
      "If-Match", "If-None-Match", "Content-Type", "Accept", "Accept-Encoding", "xRegistry-compatibility");
  private static final List<String> HEADER_VALUES = List.of("", "*", "\"x\"", "W/\"x\"", "garbage", "%00", "%ZZ",
      "%C0%AF", "null", "18446744073709551617", "-1", "true", "application/json", "text/plain",
      "application/json; charset=latin1", "multipart/form-data; boundary=x", "gzip", "Avro/1.11", "Avro/9",
      "\"%22\"", "a%20b", "x".repeat(2000));
  private static final List<String> SCHEMAS = List.of(
      "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}",
      "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}",
      "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}",
      "syntax = \"proto3\";\nmessage M { string a = 1; M next = 2; }\n",
      "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"xs:string\"/></xs:schema>",
      "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2147483647}",
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"r\",\"type\":[\"null\",\"R\"]}]}");
  private static final List<String> FORMATS = List.of("Avro/1.11", "JsonSchema/draft-07", "Protobuf/3", "XSD/1.0",
      "Avro", "Avro/*", "Nope/1", "");
  private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "PUT", "PATCH", "POST", "DELETE",
      "PUT", "PATCH", "OPTIONS");

  /** Characters a mutation puts in place of another: JSON syntax, a NUL, a lone surrogate. */
  private static final String NOISE = "{}[]\":,\\0\u0000\ud800e-";

  private final Random random;
  private int created;

  FuzzInputs(long seed) {
    this.random = new Random(seed);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  Request next() {
    return switch (random.nextInt(6)) {
      case 0 -> new Request(pick(METHODS), path(), headers(0), body());
      case 1 -> new Request(pick(METHODS), path() + query(), Map.of(), jsonObject(2).getBytes(StandardCharsets.UTF_8));
      case 2 -> new Request(pick(List.of("PUT", "PATCH", "POST")), pick(BASES), headers(1 + random.nextInt(3)),
          body());
      case 3 -> schemaDocument();
      case 4 -> new Request("GET", pick(BASES) + query(), headers(random.nextInt(2)), new byte[0]);
      default -> new Request(pick(List.of("PUT", "PATCH", "POST")), pick(BASES), Map.of(),
          mutate(validBody()).getBytes(StandardCharsets.UTF_8));
    };
  }

  private String path() {
    String base = pick(BASES);
    return switch (random.nextInt(5)) {
      case 0 -> base;
      case 1 -> base + (base.endsWith("/") ? "" : "/") + pick(SEGMENTS);
      case 2 -> base.replaceFirst("/(g1|s1|1)(?=/|\\$|$)", Matcher.quoteReplacement("/" + pick(SEGMENTS)));
      case 3 -> base + pick(List.of("$details", "/", "//", "$details$details", "?", "#frag", "/meta$details"));
      default -> "/" + pick(SEGMENTS) + "/" + pick(SEGMENTS);
    };
  }

  private String query() {
    StringBuilder q = new StringBuilder("?");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        q.append('&');
      }
      q.append(pick(FLAGS));
      if (random.nextInt(5) > 0) {
        q.append('=').append(pick(FLAG_VALUES));
      }
    }
    return q.toString();
  }

  private Map<String, String> headers(int n) {
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      h.put(pick(HEADER_NAMES), pick(HEADER_VALUES));
    }
    h.putIfAbsent("Content-Type", "application/json");
    return h;
  }

  private byte[] body() {
    return switch (random.nextInt(4)) {
      case 0 -> jsonValue(3).getBytes(StandardCharsets.UTF_8);
      case 1 -> jsonObject(3).getBytes(StandardCharsets.UTF_8);
      case 2 -> deep().getBytes(StandardCharsets.UTF_8);
      default -> mutate(validBody()).getBytes(StandardCharsets.UTF_8);
    };
  }

  private Request schemaDocument() {
    String schema = random.nextBoolean() ? pick(SCHEMAS) : mutate(pick(SCHEMAS));
    String path = "/schemagroups/g1/schemas/fz" + random.nextInt(4) + "/versions/v" + (created++ % 6);
    return new Request("PUT", path, Map.of("Content-Type", "application/json", "xRegistry-format", pick(FORMATS)),
        schema.getBytes(StandardCharsets.UTF_8));
  }

  private String validBody() {
    return pick(List.of("{\"name\":\"n\",\"labels\":{\"k\":\"v\"}}", "{\"epoch\":1,\"description\":\"d\"}",
        "{\"schemas\":{\"s2\":{\"versions\":{\"1\":{\"schema\":{\"type\":\"string\"}}}}}}",
        "{\"versions\":{\"2\":{\"ancestorid\":\"1\"}},\"meta\":{\"defaultversionsticky\":true}}",
        "{\"schemagroups\":{\"g3\":{\"name\":\"x\"}}}", "{\"format\":\"Avro/1.11\",\"schema\":\"\\\"int\\\"\"}"));
  }

  /** Flips, duplicates, deletes or inserts a few characters, or cuts the text short. */
  private String mutate(String s) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.insert(at, pick(List.of("\"", "{", "[", "\\u0000", "\\ud800", "1e999", ",", "null")));
        case 3 -> b.setLength(at);
        default -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(10))));
      }
    }
    return b.toString();
  }

  private String deep() {
    int depth = pick(List.of(50, 500, 5_000, 50_000));
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return "{\"labels\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
  }

  private String jsonObject(int depth) {
    StringBuilder b = new StringBuilder("{");
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(quote(pick(ATTRIBUTES))).append(':').append(jsonValue(depth - 1));
    }
    return b.append('}').toString();
  }

  private String jsonValue(int depth) {
    int kind = random.nextInt(depth > 0 ? 7 : 5);
    return switch (kind) {
      case 0 -> quote(pick(STRINGS));
      case 1 -> pick(NUMBERS);
      case 2 -> pick(List.of("true", "false", "null"));
      case 3 -> quote(pick(ATTRIBUTES));
      case 4 -> "\"\\ud800\"";
      case 5 -> jsonObject(depth);
      default -> "[" + jsonValue(depth - 1) + "," + jsonValue(depth - 1) + "]";
    };
  }

  /** A JSON string literal; lone surrogates and NUL are written as escapes the server must judge. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
