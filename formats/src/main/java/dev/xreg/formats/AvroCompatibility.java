package dev.xreg.formats;

import dev.xreg.core.format.ValidationLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Whether an Avro reader schema reads data written with a writer schema: the schema
 * resolution rules of the Avro specification with the verdicts, incompatibility types and
 * locations of Avro's {@link SchemaCompatibility} (a differential test pins that down).
 *
 * <p>Why not {@link SchemaCompatibility} itself (issue 13): it memoizes pairs but concatenates
 * the incompatibility lists of every path, so a record that references the next one twice
 * reports the same break 2^depth times (depth 22 ran 21 s, depth 24 ran out of heap), and it
 * scans the reader's enum symbols as a list (a 100,000-symbol enum took 12 s). Here each
 * (reader, writer) pair is compared once ({@link Outcome}, in progress counts as compatible,
 * which is how recursive types resolve); its breaks are reported once, at the location of the
 * first path that reached it. Time is polynomial in the schemas' sizes; the recursion depth
 * and the deadline of the {@link ValidationLimits} are checked on every pair.
 */
final class AvroCompatibility {
  /** Long lists of missing enum symbols are cut in the message. */
  private static final int SHOWN_SYMBOLS = 20;

  private final ValidationLimits limits;
  private final Map<Pair, Outcome> compared = new HashMap<>();
  private int depth;

  /** A (reader, writer) pair by identity: Avro shares one object per named type. */
  private record Pair(Schema reader, Schema writer) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Pair p && p.reader == reader && p.writer == writer;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(reader) + System.identityHashCode(writer);
    }
  }

  /** A break found at a pair: the location below the pair's own location. */
  record Incompatibility(SchemaIncompatibilityType type, List<String> location, String message) {
  }

  /** A pair below another one whose breaks count for it, reached through {@code path}. */
  private record Edge(List<String> path, Outcome target) {
  }

  /** The result of one pair: its own breaks and the pairs below it. */
  private static final class Outcome {
    /** True while in progress: a pair that meets itself again is assumed compatible. */
    boolean compatible = true;
    final List<Incompatibility> own = new ArrayList<>();
    final List<Edge> below = new ArrayList<>();
  }

  /** A break with its location from the root, as Avro writes it ({@code /fields/0/type}). */
  record Found(SchemaIncompatibilityType type, String location, String message) {
  }

  private AvroCompatibility(ValidationLimits limits) {
    this.limits = limits;
  }

  /** The breaks of reading {@code writer}'s data with {@code reader}, each once; empty when compatible. */
  static List<Found> check(Schema reader, Schema writer, ValidationLimits limits) {
    AvroCompatibility c = new AvroCompatibility(limits);
    Outcome root = c.compare(reader, writer);
    return c.report(root);
  }

  /** Walks the pairs that count from the root, each once, iteratively (the graph may be deep). */
  private List<Found> report(Outcome root) {
    List<Found> out = new ArrayList<>();
    Set<Outcome> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<Edge> stack = new ArrayList<>(List.of(new Edge(List.of(), root)));
    while (!stack.isEmpty()) {
      limits.checkTime();
      Edge e = stack.remove(stack.size() - 1);
      if (!seen.add(e.target())) {
        continue;
      }
      for (Incompatibility i : e.target().own) {
        List<String> at = new ArrayList<>(e.path());
        at.addAll(i.location());
        out.add(new Found(i.type(), "/" + String.join("/", at), i.message()));
      }
      // pushed in reverse so that breaks come out in document order
      for (int k = e.target().below.size() - 1; k >= 0; k--) {
        Edge b = e.target().below.get(k);
        if (!b.target().compatible && !seen.contains(b.target())) {
          List<String> at = new ArrayList<>(e.path());
          at.addAll(b.path());
          stack.add(new Edge(at, b.target()));
        }
      }
    }
    return out;
  }

  private Outcome compare(Schema reader, Schema writer) {
    limits.checkTime();
    Pair key = new Pair(reader, writer);
    Outcome known = compared.get(key);
    if (known != null) {
      return known;
    }
    Outcome o = new Outcome();
    compared.put(key, o);
    limits.checkDepth(++depth);
    try {
      resolve(reader, writer, o);
    } finally {
      depth--;
    }
    o.compatible = o.own.isEmpty() && o.below.stream().allMatch(e -> e.target().compatible);
    return o;
  }

  private void below(Outcome o, Schema reader, Schema writer, String... path) {
    o.below.add(new Edge(List.of(path), compare(reader, writer)));
  }

  private static void own(Outcome o, SchemaIncompatibilityType type, String message, String... location) {
    o.own.add(new Incompatibility(type, List.of(location), message));
  }

  private void resolve(Schema reader, Schema writer, Outcome o) {
    Schema.Type r = reader.getType();
    Schema.Type w = writer.getType();
    if (r == w) {
      switch (r) {
        case ARRAY -> below(o, reader.getElementType(), writer.getElementType(), "items");
        case MAP -> below(o, reader.getValueType(), writer.getValueType(), "values");
        case FIXED -> {
          names(reader, writer, o);
          if (reader.getFixedSize() != writer.getFixedSize()) {
            own(o, SchemaIncompatibilityType.FIXED_SIZE_MISMATCH, "expected: " + writer.getFixedSize() + ", found: "
                + reader.getFixedSize(), "size");
          }
        }
        case ENUM -> {
          names(reader, writer, o);
          symbols(reader, writer, o);
        }
        case RECORD -> {
          names(reader, writer, o);
          fields(reader, writer, o);
        }
        case UNION -> writerBranches(reader, writer, o);
        default -> {
          // the same primitive type
        }
      }
      return;
    }
    if (w == Schema.Type.UNION) {
      writerBranches(reader, writer, o);
      return;
    }
    boolean promoted = switch (r) {
      case LONG -> w == Schema.Type.INT;
      case FLOAT -> w == Schema.Type.INT || w == Schema.Type.LONG;
      case DOUBLE -> w == Schema.Type.INT || w == Schema.Type.LONG || w == Schema.Type.FLOAT;
      case BYTES -> w == Schema.Type.STRING;
      case STRING -> w == Schema.Type.BYTES;
      default -> false;
    };
    if (promoted) {
      return;
    }
    if (r == Schema.Type.UNION) {
      // the first reader branch that reads the writer's type is the one the decoder picks
      for (Schema branch : reader.getTypes()) {
        if (compare(branch, writer).compatible) {
          return;
        }
      }
      own(o, SchemaIncompatibilityType.MISSING_UNION_BRANCH, "reader union lacking writer type: " + w);
      return;
    }
    own(o, SchemaIncompatibilityType.TYPE_MISMATCH, "reader type: " + r + " not compatible with writer type: " + w);
  }

  /** Every branch of a writer union must be readable. */
  private void writerBranches(Schema reader, Schema writer, Outcome o) {
    List<Schema> branches = writer.getTypes();
    for (int i = 0; i < branches.size(); i++) {
      below(o, reader, branches.get(i), Integer.toString(i));
    }
  }

  /** Named types match by unqualified name, or by a reader alias naming the writer's full name. */
  private static void names(Schema reader, Schema writer, Outcome o) {
    if (!SchemaCompatibility.schemaNameEquals(reader, writer)) {
      own(o, SchemaIncompatibilityType.NAME_MISMATCH, "expected: " + writer.getFullName(), "name");
    }
  }

  private void symbols(Schema reader, Schema writer, Outcome o) {
    Set<String> known = new HashSet<>(reader.getEnumSymbols());
    if (reader.getEnumDefault() != null && known.contains(reader.getEnumDefault())) {
      return; // unknown writer symbols read as the default
    }
    Set<String> missing = new LinkedHashSet<>();
    for (String s : writer.getEnumSymbols()) {
      if (!known.contains(s)) {
        missing.add(s);
      }
    }
    if (!missing.isEmpty()) {
      List<String> shown = missing.stream().limit(SHOWN_SYMBOLS).toList();
      String more = missing.size() > shown.size() ? " and " + (missing.size() - shown.size()) + " more" : "";
      own(o, SchemaIncompatibilityType.MISSING_ENUM_SYMBOLS, shown + more, "symbols");
    }
  }

  /** Each reader field reads the writer field of its name (or an alias), or has a default. */
  private void fields(Schema reader, Schema writer, Outcome o) {
    List<Schema.Field> fields = reader.getFields();
    for (int i = 0; i < fields.size(); i++) {
      limits.checkTime();
      Schema.Field f = fields.get(i);
      Schema.Field written = SchemaCompatibility.lookupWriterField(writer, f);
      if (written != null) {
        below(o, f.schema(), written.schema(), "fields", Integer.toString(i), "type");
      } else if (!f.hasDefaultValue()) {
        own(o, SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE, f.name(), "fields", Integer.toString(i));
      }
    }
  }
}
