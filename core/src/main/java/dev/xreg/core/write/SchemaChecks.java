package dev.xreg.core.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.format.CompatibilityUndecided;
import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.Formats;
import dev.xreg.core.format.ValidationLimitExceeded;
import dev.xreg.core.format.ValidationLimits;
import dev.xreg.core.model.ResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Steps 6 and 9 of the Resource processing algorithm for Resource types with
 * {@code validateformat} / {@code validatecompatibility} (core/spec.md "format",
 * "formatvalidated", "compatibility", "compatibilityvalidated"; model.md "strictvalidation").
 *
 * <ul>
 *   <li>{@code formatvalidated} is present iff the Version has a {@code format}; {@code true}
 *       means a real parser accepted the document; {@code false} (with
 *       {@code formatvalidatedreason}) means no validation was performed: unknown format,
 *       or an external {@code <RESOURCE>url}. A document the parser rejects is always
 *       {@code format_violation}, never {@code false} (SCHEMA-016..020).</li>
 *   <li>With {@code strictvalidation: true} the "not performed" cases are errors:
 *       {@code format_unknown}, {@code format_external}, {@code compatibility_unknown} .</li>
 *   <li>{@code compatibilityvalidated} is present iff {@code format} and
 *       {@code meta.compatibility} are; a violation is {@code compatibility_violation} naming
 *       the Versions and the breaking changes; nothing is stored (SCHEMA-023..027).</li>
 *   <li>Both run within {@link ValidationLimits} (issue 13): a document or check beyond a limit
 *       is {@code format_violation} / {@code compatibility_violation} whose detail names the
 *       limit; nothing is stored.</li>
 * </ul>
 */
final class SchemaChecks {
  private final ResourceType type;
  private final String xid;
  /** Started once per request: the deadline covers every document and pair of the write. */
  private final ValidationLimits limits;

  SchemaChecks(ResourceType type, String xid) {
    this(type, xid, ValidationLimits.DEFAULTS);
  }

  SchemaChecks(ResourceType type, String xid, ValidationLimits limits) {
    this.type = type;
    this.xid = xid;
    this.limits = limits.start();
  }

  /** Step 6 on the Versions written by this request. */
  void formats(Map<String, Entity> versions, Collection<String> written) {
    if (!type.validateFormat()) {
      return;
    }
    for (String vid : written) {
      Entity v = versions.get(vid);
      if (v == null) {
        continue;
      }
      ObjectNode a = v.attributes();
      a.remove("formatvalidated");
      a.remove("formatvalidatedreason");
      String format = a.path("format").isTextual() ? a.get("format").asText() : null;
      if (format == null) {
        continue; // SCHEMA-021: no format, no checks, no *validated attributes
      }
      if (a.has(type.documentUrlAttribute())) {
        if (type.strictValidation()) {
          throw XRegistryException.of(ErrorType.FORMAT_EXTERNAL, v.xid()).build();
        }
        notValidated(a, "the document is stored outside of the Registry (" + type.documentUrlAttribute() + ")");
        continue;
      }
      Optional<FormatValidator> validator = Formats.lookup(format);
      if (validator.isEmpty()) {
        if (type.strictValidation()) {
          throw XRegistryException.of(ErrorType.FORMAT_UNKNOWN, v.xid()).arg("format", format)
              .detail("formats this server validates: " + Formats.advertised()).build();
        }
        notValidated(a, "format \"" + format + "\" is not supported by this server; supported: "
            + Formats.advertised());
        continue;
      }
      byte[] doc = document(v);
      String problem;
      try {
        problem = doc.length == 0 ? "the document is empty"
            : validator.get().violation(format, Formats.text(doc), limits);
      } catch (ValidationLimitExceeded e) {
        problem = e.getMessage();
      }
      if (problem != null) {
        throw XRegistryException.of(ErrorType.FORMAT_VIOLATION, v.xid()).arg("format", format)
            .detail(problem).build();
      }
      a.put("formatvalidated", true);
    }
  }

  /**
   * Step 9. {@code all} re-checks every Version (a new {@code meta.compatibility});
   * otherwise the Versions written by this request against their lineage.
   *
   * @param update receives each Version whose attributes change (a copy; stored entities are never mutated)
   */
  void compatibility(Map<String, Entity> versions, Collection<String> written, String rule, boolean all,
      BiConsumer<String, ObjectNode> update) {
    if (!type.validateCompatibility()) {
      return;
    }
    Collection<String> targets = all ? List.copyOf(versions.keySet()) : written;
    if (rule == null) {
      for (String vid : all ? versions.keySet() : targets) {
        Entity v = versions.get(vid);
        if (v != null && (v.attributes().has("compatibilityvalidated") || v.attributes().has("compatibilityvalidatedreason"))) {
          ObjectNode a = v.attributes().deepCopy();
          a.remove("compatibilityvalidated");
          a.remove("compatibilityvalidatedreason");
          update.accept(vid, a);
        }
      }
      return; // SCHEMA-025: no compatibility, no check
    }
    String r = rule.toLowerCase(Locale.ROOT);
    if (!Formats.RULES.contains(r)) {
      throw XRegistryException.of(ErrorType.COMPATIBILITY_UNKNOWN, xid).arg("compat", rule)
          .arg("format", formatOf(versions))
          .detail("known compatibility values: " + Formats.RULES).build();
    }
    List<String> violations = new ArrayList<>();
    Map<String, ObjectNode> changes = new LinkedHashMap<>();
    for (String vid : targets) {
      Entity v = versions.get(vid);
      if (v == null) {
        continue;
      }
      ObjectNode a = v.attributes().deepCopy();
      String before = a.path("compatibilityvalidated").asText("") + "|" + a.path("compatibilityvalidatedreason").asText("");
      a.remove("compatibilityvalidated");
      a.remove("compatibilityvalidatedreason");
      String format = a.path("format").isTextual() ? a.get("format").asText() : null;
      if (format != null) {
        String reason = check(versions, v, format, r, violations);
        if (reason == null) {
          a.put("compatibilityvalidated", true);
        } else {
          a.put("compatibilityvalidated", false);
          a.put("compatibilityvalidatedreason", reason);
        }
      }
      String after = a.path("compatibilityvalidated").asText("") + "|" + a.path("compatibilityvalidatedreason").asText("");
      if (!before.equals(after)) {
        changes.put(vid, a);
      }
    }
    if (!violations.isEmpty()) {
      throw XRegistryException.of(ErrorType.COMPATIBILITY_VIOLATION, xid).arg("compat", r)
          .detail(String.join("; ", violations)).build();
    }
    changes.forEach(update);
  }

  /** @return null when checked, else why not performed; violations are collected */
  private String check(Map<String, Entity> versions, Entity v, String format, String rule, List<String> violations) {
    if (!v.attributes().path("formatvalidated").asBoolean(false)) {
      if (type.strictValidation()) {
        throw XRegistryException.of(ErrorType.COMPATIBILITY_UNKNOWN, xid).arg("compat", rule).arg("format", format)
            .detail("Version " + v.id() + " was not format-validated").build();
      }
      return "the Version's format was not validated, so compatibility cannot be checked";
    }
    if ("none".equals(rule)) {
      return null;
    }
    FormatValidator f = Formats.lookup(format).orElseThrow();
    if (!f.compatibilities().contains(rule)) {
      if (type.strictValidation()) {
        throw XRegistryException.of(ErrorType.COMPATIBILITY_UNKNOWN, xid).arg("compat", rule).arg("format", format)
            .build();
      }
      return "compatibility \"" + rule + "\" is not supported for format \"" + format + "\"";
    }
    boolean transitive = rule.endsWith("_transitive");
    boolean backward = rule.startsWith("backward") || rule.startsWith("full");
    boolean forward = rule.startsWith("forward") || rule.startsWith("full");
    // Older Versions: the ancestor (or all ancestors); newer: children (or all descendants).
    try {
      for (Entity older : ancestors(versions, v, transitive)) {
        pair(f, format, older, v, backward, forward, violations);
      }
      for (Entity newer : descendants(versions, v, transitive)) {
        pair(f, format, v, newer, backward, forward, violations);
      }
    } catch (ValidationLimitExceeded e) {
      // refused, never "not validated": nothing may be stored that could not be checked
      throw XRegistryException.of(ErrorType.COMPATIBILITY_VIOLATION, xid).arg("compat", rule)
          .detail("Version " + v.id() + ": " + e.getMessage()).build();
    } catch (CompatibilityUndecided e) {
      if (type.strictValidation()) {
        throw XRegistryException.of(ErrorType.COMPATIBILITY_UNKNOWN, xid).arg("compat", rule).arg("format", format)
            .detail(e.getMessage()).build();
      }
      return "compatibility could not be checked: " + e.getMessage();
    }
    return null;
  }

  private void pair(FormatValidator f, String format, Entity older, Entity newer, boolean backward, boolean forward,
      List<String> violations) {
    if (!older.attributes().path("formatvalidated").asBoolean(false)) {
      return; // nothing to compare against: that Version's document was not parsed
    }
    byte[] o = Formats.text(document(older));
    byte[] n = Formats.text(document(newer));
    if (backward) {
      for (String p : f.readProblems(format, n, o, limits)) {
        add(violations, "Version " + newer.id() + " cannot read data written with Version " + older.id() + " (backward): " + p);
      }
    }
    if (forward) {
      for (String p : f.readProblems(format, o, n, limits)) {
        add(violations, "Version " + older.id() + " cannot read data written with Version " + newer.id() + " (forward): " + p);
      }
    }
  }

  private static void add(List<String> violations, String v) {
    if (!violations.contains(v)) {
      violations.add(v);
    }
  }

  private static List<Entity> ancestors(Map<String, Entity> versions, Entity v, boolean transitive) {
    List<Entity> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    seen.add(v.id());
    Entity cur = v;
    while (true) {
      String a = cur.text("ancestorid");
      if (a == null || !seen.add(a) || !versions.containsKey(a)) {
        return out;
      }
      cur = versions.get(a);
      out.add(cur);
      if (!transitive) {
        return out;
      }
    }
  }

  private static List<Entity> descendants(Map<String, Entity> versions, Entity v, boolean transitive) {
    List<Entity> out = new ArrayList<>();
    List<String> frontier = new ArrayList<>(List.of(v.id()));
    Set<String> seen = new LinkedHashSet<>(frontier);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (Entity e : versions.values()) {
        String a = e.text("ancestorid");
        if (a != null && frontier.contains(a) && !e.id().equals(a) && seen.add(e.id())) {
          out.add(e);
          next.add(e.id());
        }
      }
      frontier = transitive ? next : List.of();
    }
    return out;
  }

  private static byte[] document(Entity v) {
    return v.document() == null ? new byte[0] : v.document();
  }

  private static String formatOf(Map<String, Entity> versions) {
    return versions.values().stream().map(e -> e.attributes().path("format").asText(""))
        .filter(s -> !s.isEmpty()).findFirst().orElse("");
  }

  private static void notValidated(ObjectNode a, String reason) {
    a.put("formatvalidated", false);
    a.put("formatvalidatedreason", reason);
  }
}
