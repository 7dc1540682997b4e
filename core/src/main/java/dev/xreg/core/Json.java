package dev.xreg.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one Jackson configuration of xreg: strict parsing, exact decimals, no duplicate keys. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Parses request bytes; anything unreadable is {@code parsing_data} (CORE-GEN-002). */
  public static JsonNode parse(byte[] bytes, String subject) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail("the body is empty").build();
      }
      return node;
    } catch (JsonProcessingException e) {
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject)
          .errorDetail(e.getOriginalMessage() == null ? "invalid JSON" : firstLine(e.getOriginalMessage()))
          .build();
    } catch (IOException e) {
      throw XRegistryException.of(ErrorType.PARSING_DATA, subject).errorDetail("unreadable body").build();
    }
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

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
