package dev.xreg.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.text.StorableValues;
import dev.xreg.core.text.Utf8;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;

/** The one Jackson configuration of xreg: strict parsing, exact decimals, no duplicate keys. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The same strictness for YAML (CloudEvents Registry files may be YAML, CE-004). The body
   * size is already bounded by the HTTP layer, so SnakeYAML's own 3 MB document limit is
   * lifted; its alias limit (against "billion laughs") stays.
   */
  public static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(yamlLimits()).build())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private Json() {
  }

  private static LoaderOptions yamlLimits() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(Integer.MAX_VALUE);
    return o;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses request bytes; anything unreadable is {@code parsing_data} (CORE-GEN-002): bytes
   * that are not strict UTF-8, syntax errors (told by line and column, without parser
   * internals), numbers beyond what can be read. Strings and numbers that parse but cannot be
   * stored (NUL, unpaired surrogates, decimals beyond PostgreSQL numeric) are
   * {@code invalid_attribute} naming where they are (issue 13).
   */
  public static JsonNode parse(byte[] bytes, String subject) {
    return parse(MAPPER, bytes, subject);
  }

  /** Parses a request body as YAML when its content type says so (CE-005), else as JSON. */
  public static JsonNode parse(byte[] bytes, String contentType, String subject) {
    return parse(MediaTypes.isYaml(contentType) ? YAML : MAPPER, bytes, subject);
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] bytes, String subject) {
    String format = mapper == YAML ? "YAML" : "JSON";
    int bad = Utf8.firstInvalid(bytes);
    if (bad >= 0) {
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject)
          .errorDetail("the body is not valid UTF-8: " + Utf8.describe(bytes, bad)).build();
    }
    JsonNode node;
    try {
      node = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail(ParseProblems.describe(e, format))
          .build();
    } catch (IOException e) {
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail("unreadable body").build();
    } catch (NumberFormatException | ArithmeticException e) {
      // a number Jackson cannot represent, e.g. an exponent beyond 32 bits (1e2147483648)
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject)
          .errorDetail("invalid " + format + ": a number is too large to read").build();
    }
    if (node == null || node.isMissingNode()) {
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail("the body is empty").build();
    }
    StorableValues.check(node, subject);
    return node;
  }

  /** Parses JSON the server wrote itself (stored rows); a failure is a bug, not a client error. */
  public static JsonNode parseTrusted(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code parsing_data} error for a failure of a streaming read of a JSON body (an
   * import read token by token, not through {@link #parse}): the same wording {@link #parse}
   * gives, and a number Jackson cannot represent is "too large", not a server error.
   */
  public static XRegistryException parseFailure(Exception e, String subject) {
    String detail;
    if (e instanceof JsonProcessingException p) {
      detail = ParseProblems.describe(p, "JSON");
    } else if (e instanceof NumberFormatException || e instanceof ArithmeticException) {
      detail = "invalid JSON: a number is too large to read";
    } else {
      detail = "unreadable body";
    }
    return XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail(detail).build();
  }
}
