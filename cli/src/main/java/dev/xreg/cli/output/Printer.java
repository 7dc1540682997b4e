package dev.xreg.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.xreg.cli.http.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints xRegistry JSON as pretty JSON (the default: what the server said, indented), YAML,
 * or a table: a collection as one row per entity (ID, NAME, EPOCH, MODIFIEDAT), an entity as
 * one row per attribute, with nested values as compact JSON.
 */
public final class Printer {
  private final Terminal terminal;
  private final OutputFormat format;

  public Printer(Terminal terminal, OutputFormat format) {
    this.terminal = terminal;
    this.format = format;
  }

  public OutputFormat format() {
    return format;
  }

  public void print(JsonNode node, boolean collection) {
    terminal.out().print(render(node, collection));
    terminal.out().flush();
  }

  public String render(JsonNode node, boolean collection) {
    try {
      return switch (format) {
        case json -> Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
        case yaml -> Json.YAML.writeValueAsString(node);
        case table -> collection ? collectionTable(node) : entityTable(node);
      };
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private String collectionTable(JsonNode node) {
    Table t = new Table("ID", "NAME", "EPOCH", "MODIFIEDAT");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      t.row(e.getKey(), text(v.get("name")), text(v.get("epoch")), text(v.get("modifiedat")));
    }
    if (t.isEmpty()) {
      return "(none)\n";
    }
    return t.render(new Colours(terminal.colourOut()));
  }

  private String entityTable(JsonNode node) {
    if (!node.isObject()) {
      return text(node) + "\n";
    }
    Table t = new Table("ATTRIBUTE", "VALUE");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      t.row(e.getKey(), text(e.getValue()));
    }
    return t.render(new Colours(terminal.colourOut()));
  }

  static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
