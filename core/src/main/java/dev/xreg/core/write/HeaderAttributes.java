package dev.xreg.core.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.IntegerType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.text.UnicodeText;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code xRegistry-*} request headers into attributes for a document-mode write
 * (http.md "Serializing Resource Domain-Specific Documents"): {@code null} deletes,
 * {@code <map>.<key>} builds maps, numbers and booleans of spec attributes are typed,
 * everything else is a string (an {@code any} value from a header defaults to string).
 */
public final class HeaderAttributes {
  private static final Set<String> INTEGERS = Set.of("epoch", "versionscount");
  private static final Set<String> BOOLEANS = Set.of("isdefault", "defaultversionsticky", "readonly");

  private HeaderAttributes() {
  }

  public static ObjectNode toAttributes(Map<String, String> headers, ResourceType type, String subject) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      String value = h.getValue();
      // decoding already refused invalid UTF-8 (CORE-DOC-012); a NUL decoded from %00 is valid
      // UTF-8 but cannot be stored (issue 13)
      String problem = UnicodeText.problem(value);
      if (problem != null) {
        throw XRegistryException.of(ErrorType.HEADER_ERROR, subject).arg("name", "xRegistry-" + name)
            .errorDetail("the decoded value " + problem).build();
      }
      if (name.equals(type.documentAttribute()) || name.equals(type.documentBase64Attribute())) {
        throw XRegistryException.of(ErrorType.EXTRA_XREGISTRY_HEADER, subject).arg("name", "xRegistry-" + name)
            .errorDetail("the document travels in the body, never in a header").build();
      }
      int dot = name.indexOf('.');
      if (dot > 0) {
        String map = name.substring(0, dot);
        JsonNode existing = out.get(map);
        ObjectNode m = existing instanceof ObjectNode o ? o : out.putObject(map);
        m.put(name.substring(dot + 1), value);
        continue;
      }
      out.set(name, typed(name, value, subject));
    }
    return out;
  }

  private static JsonNode typed(String name, String value, String subject) {
    if ("null".equals(value)) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (INTEGERS.contains(name)) {
      // both are uintegers; exact, so a value beyond 64 bits is refused rather than wrapped
      String problem = IntegerType.UINTEGER.problem(value);
      if (problem != null) {
        throw XRegistryException.of(ErrorType.HEADER_ERROR, subject).arg("name", "xRegistry-" + name)
            .errorDetail("the value " + problem).build();
      }
      return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
    }
    if (BOOLEANS.contains(name) && ("true".equals(value) || "false".equals(value))) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
    }
    return JsonNodeFactory.instance.textNode(value);
  }
}
