package dev.xreg.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@link FormatValidator}s on the class path, looked up by a Version's {@code format}. */
public final class Formats {
  /** The compatibility rules of core/spec.md "compatibility", plus {@code none}. */
  public static final List<String> RULES = List.of("none", "backward", "backward_transitive", "forward",
      "forward_transitive", "full", "full_transitive");

  private static volatile List<FormatValidator> installed;

  private Formats() {
  }

  /** All validators found by {@link ServiceLoader} (loaded once). */
  public static List<FormatValidator> installed() {
    List<FormatValidator> v = installed;
    if (v == null) {
      List<FormatValidator> found = new ArrayList<>();
      ServiceLoader.load(FormatValidator.class, Formats.class.getClassLoader()).forEach(found::add);
      installed = v = List.copyOf(found);
    }
    return v;
  }

  public static Optional<FormatValidator> lookup(String format) {
    if (format == null) {
      return Optional.empty();
    }
    return installed().stream().filter(f -> f.handles(format)).findFirst();
  }

  /** {@code capabilities.formats}: exactly the values some installed validator handles. */
  public static List<String> advertised() {
    Set<String> out = new LinkedHashSet<>();
    installed().forEach(f -> out.addAll(f.formats()));
    return List.copyOf(out);
  }

  /** {@code capabilities.compatibilities}: format pattern to the rules it supports. */
  public static Map<String, List<String>> compatibilities() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (FormatValidator f : installed()) {
      if (f.compatibilities().isEmpty()) {
        continue;
      }
      List<String> rules = RULES.stream().filter(f.compatibilities()::contains).toList();
      for (String p : f.formats()) {
        out.put(p, rules);
      }
    }
    return out;
  }

  /** A capability pattern ({@code *} is a wildcard) against a format value, ignoring case. */
  public static boolean matches(String pattern, String format) {
    List<String> parts = new ArrayList<>();
    for (String part : pattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.matches(String.join(".*", parts), format.toLowerCase(Locale.ROOT));
  }

  /**
   * A text format (Protobuf, XSD) sent as {@code "schema": "<text>"} in a JSON body is stored
   * as a JSON string literal; validators see the text.
   */
  public static byte[] text(byte[] document) {
    int i = 0;
    while (i < document.length && Character.isWhitespace(document[i])) {
      i++;
    }
    if (i < document.length && document[i] == '"') {
      try {
        JsonNode n = Json.MAPPER.readTree(document);
        if (n != null && n.isTextual()) {
          return n.asText().getBytes(StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        return document;
      }
    }
    return document;
  }
}
