package dev.xreg.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.xreg.core.format.CompatibilityUndecided;
import dev.xreg.core.format.ValidationLimits;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether every JSON value valid under a writer schema is also valid under a reader schema
 * (JSON Schema "reader reads writer's data"; docs/compatibility.md "JSON Schema"). The check
 * walks both schemas together and decides a documented subset of the vocabulary:
 * {@code type}, {@code enum}/{@code const}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items} (one schema), the numeric, length, count and
 * {@code uniqueItems} bounds, {@code pattern} (equal or not), local {@code $ref}s (also
 * recursive ones). Keywords that validators ignore (annotations, unknown words) are ignored.
 * Any other keyword of the drafts ({@code allOf}, {@code oneOf}, {@code patternProperties},
 * {@code if}, tuple {@code items}, ...) on either side makes the verdict
 * {@link CompatibilityUndecided}: not validated, never a guess.
 *
 * <p>Each problem found is a real narrowing: some value the writer allows is rejected by the
 * reader (for example a property the reader requires and the writer does not, a removed property under
 * {@code additionalProperties: false}, a narrowed type, a removed enum value).
 *
 * <p>Bounded (issue 13): each (writer, reader) pair of subschemas is compared once, so the time
 * is polynomial even when {@code $ref}s fan out; the recursion depth (a chain of {@code $ref}s
 * recurses without nesting in the document) and the deadline of the {@link ValidationLimits}
 * are checked on every pair; enum values and problems are kept in sets.
 */
final class JsonSchemaCompatibility {
  /** Keywords decided here. */
  private static final Set<String> CHECKED = Set.of("type", "enum", "const", "properties", "required",
      "additionalProperties", "items", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
      "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
      "$ref");
  /** Assertions and applicators of drafts 04 to 2020-12 that this check does not decide. */
  private static final Set<String> UNDECIDED = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else",
      "patternProperties", "dependencies", "dependentRequired", "dependentSchemas", "propertyNames", "contains",
      "minContains", "maxContains", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "prefixItems",
      "$recursiveRef", "$dynamicRef");
  private static final List<String> ALL_TYPES = List.of("null", "boolean", "object", "array", "number", "string");

  private final JsonNode readerRoot;
  private final JsonNode writerRoot;
  /** Drafts 04 to 07: a {@code $ref} replaces its schema, siblings are ignored. */
  private final boolean refReplaces;
  /** {@code const} exists from draft-06 on; draft-04 validators ignore it. */
  private final boolean constKnown;
  private final Set<String> problems = new LinkedHashSet<>();
  private final ValidationLimits limits;
  private int depth;
  /** Schema pairs being compared: a recursive schema meets itself again (assumed compatible). */
  private final Set<Pair> inProgress = new HashSet<>();

  private record Pair(JsonNode writer, JsonNode reader) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Pair p && p.writer == writer && p.reader == reader;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(writer) + System.identityHashCode(reader);
    }
  }

  private JsonSchemaCompatibility(JsonNode reader, JsonNode writer, boolean refReplaces, boolean constKnown,
      ValidationLimits limits) {
    this.limits = limits;
    this.readerRoot = reader;
    this.writerRoot = writer;
    this.refReplaces = refReplaces;
    this.constKnown = constKnown;
  }

  /**
   * @param legacyDraft drafts 04, 06 and 07 ({@code $ref} siblings ignored)
   * @param draft04 draft-04 ({@code const} is not a keyword)
   * @return the values the writer allows and the reader rejects, one line per change
   */
  static List<String> problems(JsonNode reader, JsonNode writer, boolean legacyDraft, boolean draft04,
      ValidationLimits limits) {
    JsonSchemaCompatibility c = new JsonSchemaCompatibility(reader, writer, legacyDraft, !draft04, limits);
    c.subset(writer, reader, "");
    return List.copyOf(c.problems);
  }

  private void subset(JsonNode w, JsonNode r, String field) {
    limits.checkTime();
    limits.checkDepth(++depth);
    try {
      compare(w, r, field);
    } finally {
      depth--;
    }
  }

  private void compare(JsonNode w, JsonNode r, String field) {
    w = deref(w, writerRoot, "writer", field);
    r = deref(r, readerRoot, "reader", field);
    if (w.isBoolean() && !w.asBoolean()) {
      return; // the writer allows nothing here
    }
    if (r.isBoolean()) {
      if (!r.asBoolean()) {
        problem(field, "the reader allows no value here (schema false)");
      }
      return;
    }
    if (!constrains(r)) {
      return; // the reader accepts any value here, whatever the writer says
    }
    undecidedKeywords(w, "writer", field);
    undecidedKeywords(r, "reader", field);
    if (!inProgress.add(new Pair(w, r))) {
      return;
    }
    List<String> enumerated = enumerated(w);
    Set<String> types = types(w, enumerated);
    checkTypes(types, r, field);
    checkEnum(enumerated, w, r, field);
    if (enumerated == null) {
      if (types.contains("number") || types.contains("integer")) {
        checkNumbers(w, r, field);
      }
      if (types.contains("string")) {
        checkStrings(w, r, field);
      }
      if (types.contains("object")) {
        checkObjects(w, r, field);
      }
      if (types.contains("array")) {
        checkArrays(w, r, field);
      }
    }
  }

  /** Follows local {@code $ref}s ({@code #} and {@code #/json/pointer}); anything else is undecided. */
  private JsonNode deref(JsonNode s, JsonNode root, String side, String field) {
    for (int hops = 0; s != null && s.isObject() && s.has("$ref"); hops++) {
      String ref = s.get("$ref").asText();
      if (hops > 64 || !(ref.equals("#") || ref.startsWith("#/"))) {
        throw undecided(side, field, "$ref \"" + ref + "\" is not a local JSON Pointer");
      }
      if (!refReplaces) {
        Iterator<String> names = s.fieldNames();
        while (names.hasNext()) {
          String n = names.next();
          if (!n.equals("$ref") && (CHECKED.contains(n) || UNDECIDED.contains(n))) {
            throw undecided(side, field, "\"" + n + "\" next to \"$ref\"");
          }
        }
      }
      JsonNode target = root.at(unescape(ref.substring(1)));
      if (target.isMissingNode()) {
        throw undecided(side, field, "$ref \"" + ref + "\" does not resolve");
      }
      s = target;
    }
    return s == null || s.isNull() ? BooleanNode.TRUE : s;
  }

  private static String unescape(String pointer) {
    return URLDecoder.decode(pointer.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Whether a schema has any assertion or applicator (annotations and unknown words constrain nothing). */
  private static boolean constrains(JsonNode s) {
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (CHECKED.contains(n) || UNDECIDED.contains(n)) {
        return true;
      }
    }
    return false;
  }

  private static void undecidedKeywords(JsonNode s, String side, String field) {
    if (!s.isObject()) {
      return;
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (UNDECIDED.contains(n) || n.equals("items") && s.get(n).isArray()) {
        throw undecided(side, field, "\"" + n + "\"" + (n.equals("items") ? " as an array" : ""));
      }
    }
  }

  private static CompatibilityUndecided undecided(String side, String field, String what) {
    return new CompatibilityUndecided("the " + side + " schema uses " + what + " at " + where(field)
        + ", which the JSON Schema compatibility check does not decide");
  }

  /** The writer's {@code enum}/{@code const} values as canonical JSON text, or null. */
  private List<String> enumerated(JsonNode s) {
    if (!s.isObject()) {
      return null;
    }
    List<String> out = null;
    if (s.path("enum").isArray()) {
      out = new ArrayList<>();
      for (JsonNode v : s.get("enum")) {
        out.add(canonical(v));
      }
    }
    if (constKnown && s.has("const")) {
      String c = canonical(s.get("const"));
      out = out == null || out.contains(c) ? List.of(c) : List.of();
    }
    return out;
  }

  /** The JSON types a schema admits; {@code integer} alone when only integers. */
  private Set<String> types(JsonNode s, List<String> enumerated) {
    Set<String> out = new LinkedHashSet<>();
    if (enumerated != null) {
      for (String v : enumerated) {
        out.add(typeOf(v));
      }
      return out;
    }
    JsonNode t = s.path("type");
    if (t.isTextual()) {
      out.add(t.asText());
    } else if (t.isArray()) {
      t.forEach(x -> out.add(x.asText()));
    } else {
      out.addAll(ALL_TYPES);
    }
    return out;
  }

  /** The JSON type of a value in {@link #canonical} form. */
  private static String typeOf(String canonical) {
    char c = canonical.isEmpty() ? ' ' : canonical.charAt(0);
    return switch (c) {
      case '{' -> "object";
      case '[' -> "array";
      case '"' -> "string";
      case 'n' -> "null";
      case 't', 'f' -> "boolean";
      default -> new BigDecimal(canonical).stripTrailingZeros().scale() <= 0 ? "integer" : "number";
    };
  }

  private void checkTypes(Set<String> writerTypes, JsonNode r, String field) {
    JsonNode t = r.path("type");
    if (t.isMissingNode()) {
      return;
    }
    Set<String> readerTypes = new LinkedHashSet<>();
    if (t.isArray()) {
      t.forEach(x -> readerTypes.add(x.asText()));
    } else {
      readerTypes.add(t.asText());
    }
    if (writerTypes.containsAll(ALL_TYPES)) {
      problem(field, "the reader restricts the type to " + t + ", the writer allows any type");
      return;
    }
    for (String wt : writerTypes) {
      boolean ok = readerTypes.contains(wt) || wt.equals("integer") && readerTypes.contains("number");
      if (ok) {
        continue;
      }
      if (wt.equals("number") && readerTypes.contains("integer")) {
        problem(field, "the reader accepts only integers, the writer any number");
      } else {
        problem(field, "type " + wt + " of the writer is not accepted by the reader (reader type " + t + ")");
      }
    }
  }

  private void checkEnum(List<String> writerValues, JsonNode w, JsonNode r, String field) {
    List<String> enumeratedByReader = enumerated(r);
    Set<String> readerValues = enumeratedByReader == null ? null : new LinkedHashSet<>(enumeratedByReader);
    if (writerValues != null) {
      for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (CHECKED.contains(n) && !Set.of("type", "enum", "const").contains(n)) {
          throw undecided("reader", field, "\"" + n + "\" on enumerated writer values");
        }
      }
    }
    if (readerValues == null) {
      return;
    }
    if (writerValues == null) {
      problem(field, "the reader allows only the values " + readerValues + ", the writer allows any value"
          + (w.has("type") ? " of type " + w.get("type") : ""));
      return;
    }
    List<String> removed = writerValues.stream().filter(v -> !readerValues.contains(v)).toList();
    if (!removed.isEmpty()) {
      problem(field, "enum values " + removed + " of the writer are not allowed by the reader");
    }
  }

  private void checkNumbers(JsonNode w, JsonNode r, String field) {
    for (Bound rb : bounds(r, true)) {
      if (bounds(w, true).stream().noneMatch(wb -> wb.implies(rb, true))) {
        problem(field, "the reader adds or raises the lower bound " + rb);
      }
    }
    for (Bound rb : bounds(r, false)) {
      if (bounds(w, false).stream().noneMatch(wb -> wb.implies(rb, false))) {
        problem(field, "the reader adds or lowers the upper bound " + rb);
      }
    }
    if (r.path("multipleOf").isNumber()) {
      BigDecimal m = r.get("multipleOf").decimalValue();
      boolean ok = w.path("multipleOf").isNumber()
          && w.get("multipleOf").decimalValue().remainder(m).compareTo(BigDecimal.ZERO) == 0;
      if (!ok) {
        problem(field, "the reader requires multipleOf " + m.toPlainString());
      }
    }
  }

  private record Bound(BigDecimal value, boolean exclusive) {
    boolean implies(Bound other, boolean lower) {
      int c = value.compareTo(other.value);
      return (lower ? c > 0 : c < 0) || c == 0 && (exclusive || !other.exclusive);
    }

    @Override
    public String toString() {
      return (exclusive ? "exclusive " : "") + value.toPlainString();
    }
  }

  /** Draft-04 boolean {@code exclusiveMinimum} modifies {@code minimum}; later drafts' numeric forms are bounds. */
  private static List<Bound> bounds(JsonNode s, boolean lower) {
    String inclusive = lower ? "minimum" : "maximum";
    String exclusive = lower ? "exclusiveMinimum" : "exclusiveMaximum";
    List<Bound> out = new ArrayList<>();
    if (s.path(inclusive).isNumber()) {
      out.add(new Bound(s.get(inclusive).decimalValue(), s.path(exclusive).asBoolean(false)));
    }
    if (s.path(exclusive).isNumber()) {
      out.add(new Bound(s.get(exclusive).decimalValue(), true));
    }
    return out;
  }

  private void checkStrings(JsonNode w, JsonNode r, String field) {
    count(w, r, "minLength", true, field);
    count(w, r, "maxLength", false, field);
    if (r.path("pattern").isTextual()) {
      JsonNode wp = w.path("pattern");
      if (!wp.isTextual()) {
        problem(field, "the reader adds the pattern " + r.get("pattern"));
      } else if (!wp.asText().equals(r.get("pattern").asText())) {
        throw undecided("reader", field, "another \"pattern\" (" + r.get("pattern") + " instead of " + wp + ")");
      }
    }
  }

  /** A count bound ({@code minLength}, {@code maxItems}, ...) of the reader must be implied by the writer's. */
  private void count(JsonNode w, JsonNode r, String keyword, boolean lower, String field) {
    if (!r.path(keyword).isNumber()) {
      return;
    }
    long rv = r.get(keyword).asLong();
    boolean ok = w.path(keyword).isNumber() && (lower ? w.get(keyword).asLong() >= rv : w.get(keyword).asLong() <= rv);
    if (!ok && !(lower && rv <= 0)) {
      problem(field, "the reader " + (w.path(keyword).isNumber() ? "tightens " + keyword + " from "
          + w.get(keyword).asLong() + " to " + rv : "adds " + keyword + " " + rv));
    }
  }

  private void checkObjects(JsonNode w, JsonNode r, String field) {
    JsonNode wProps = w.path("properties");
    JsonNode rProps = r.path("properties");
    JsonNode wMore = w.has("additionalProperties") ? w.get("additionalProperties") : null;
    JsonNode rMore = r.has("additionalProperties") ? r.get("additionalProperties") : null;
    Set<String> names = new LinkedHashSet<>();
    wProps.fieldNames().forEachRemaining(names::add);
    rProps.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode ws = wProps.has(name) ? wProps.get(name) : wMore;
      JsonNode rs = rProps.has(name) ? rProps.get(name) : rMore;
      String child = field.isEmpty() ? name : field + "." + name;
      if (ws != null && ws.isBoolean() && !ws.asBoolean()) {
        continue; // the writer never writes it
      }
      if (rs != null && rs.isBoolean() && !rs.asBoolean()) {
        problem(child, wProps.has(name) ? "the property is not allowed by the reader (not among its "
            + "properties, and additionalProperties false)" : "the property is not allowed by the reader");
        continue;
      }
      subset(ws, rs, child);
    }
    if (!(wMore != null && wMore.isBoolean() && !wMore.asBoolean())) {
      if (rMore != null && rMore.isBoolean() && !rMore.asBoolean()) {
        problem(field, "the reader allows no additional properties (additionalProperties false), the writer does");
      } else {
        subset(wMore, rMore, field.isEmpty() ? "(additional properties)" : field + ".(additional properties)");
      }
    }
    Set<String> writerRequired = new HashSet<>();
    w.path("required").forEach(n -> writerRequired.add(n.asText()));
    for (JsonNode n : r.path("required")) {
      if (!writerRequired.contains(n.asText())) {
        String child = field.isEmpty() ? n.asText() : field + "." + n.asText();
        problem(child, "required by the reader, not by the writer");
      }
    }
    count(w, r, "minProperties", true, field);
    count(w, r, "maxProperties", false, field);
  }

  private void checkArrays(JsonNode w, JsonNode r, String field) {
    subset(w.get("items"), r.get("items"), field + "[]");
    count(w, r, "minItems", true, field);
    count(w, r, "maxItems", false, field);
    if (r.path("uniqueItems").asBoolean(false) && !w.path("uniqueItems").asBoolean(false)) {
      problem(field, "the reader requires uniqueItems");
    }
  }

  private void problem(String field, String reason) {
    problems.add(where(field) + ": " + reason);
  }

  private static String where(String field) {
    return field.isEmpty() ? "the document" : "field " + field;
  }

  private static String canonical(JsonNode v) {
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue().stripTrailingZeros();
      return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }
    return v.toString();
  }
}
