package dev.xreg.formats;

import com.squareup.wire.schema.internal.parser.GroupElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import dev.xreg.core.format.ValidationLimits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kotlin.ranges.IntRange;

/**
 * The field numbers of a {@code .proto} file's messages, with the rules protoc enforces and
 * Wire's parser does not (issue 13: such files got {@code formatvalidated: true}): a number is
 * 1 to 536,870,911 (2^29 - 1), outside 19,000 to 19,999 (reserved for the Protobuf
 * implementation), unique within its message (oneof members and groups included), and neither
 * it nor the field's name is {@code reserved} by the message.
 */
final class FieldNumbers {
  static final int MAX = 536_870_911;
  static final int FIRST_IMPLEMENTATION_RESERVED = 19_000;
  static final int LAST_IMPLEMENTATION_RESERVED = 19_999;

  private FieldNumbers() {
  }

  /** @return the first broken rule, or null */
  static String violation(String prefix, List<TypeElement> types, ValidationLimits limits) {
    for (TypeElement t : types) {
      limits.checkTime();
      if (t instanceof MessageElement m) {
        String v = message(prefix + m.getName(), m, limits);
        if (v != null) {
          return v;
        }
      }
      String v = violation(prefix + t.getName() + ".", t.getNestedTypes(), limits);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String message(String name, MessageElement m, ValidationLimits limits) {
    List<Numbered> all = new ArrayList<>();
    m.getFields().forEach(f -> all.add(new Numbered(f.getName(), f.getTag())));
    m.getGroups().forEach(g -> all.add(group(g)));
    for (OneOfElement o : m.getOneOfs()) {
      o.getFields().forEach(f -> all.add(new Numbered(f.getName(), f.getTag())));
      o.getGroups().forEach(g -> all.add(group(g)));
    }
    Set<String> reservedNames = new HashSet<>();
    List<int[]> reservedNumbers = new ArrayList<>();
    for (ReservedElement r : m.getReserveds()) {
      for (Object v : r.getValues()) {
        if (v instanceof String s) {
          reservedNames.add(s);
        } else if (v instanceof Integer i) {
          reservedNumbers.add(new int[] {i, i});
        } else if (v instanceof IntRange range) {
          reservedNumbers.add(new int[] {range.getFirst(), range.getLast()});
        }
      }
    }
    TreeMap<Integer, Integer> reserved = merged(reservedNumbers);
    Map<Integer, String> seen = new HashMap<>();
    for (Numbered f : all) {
      limits.checkTime();
      String where = "field " + name + "." + f.name() + " = " + f.number();
      if (f.number() < 1 || f.number() > MAX) {
        return where + ": field numbers are 1 to " + MAX;
      }
      if (f.number() >= FIRST_IMPLEMENTATION_RESERVED && f.number() <= LAST_IMPLEMENTATION_RESERVED) {
        return where + ": field numbers " + FIRST_IMPLEMENTATION_RESERVED + " to " + LAST_IMPLEMENTATION_RESERVED
            + " are reserved for the Protobuf implementation";
      }
      String other = seen.putIfAbsent(f.number(), f.name());
      if (other != null) {
        return where + ": the number is already used by field " + other;
      }
      if (reservedNames.contains(f.name())) {
        return where + ": the name is reserved in message " + name;
      }
      Map.Entry<Integer, Integer> range = reserved.floorEntry(f.number());
      if (range != null && f.number() <= range.getValue()) {
        return where + ": the number is reserved in message " + name;
      }
    }
    return null;
  }

  private static Numbered group(GroupElement g) {
    return new Numbered(g.getName(), g.getTag());
  }

  private record Numbered(String name, int number) {
  }

  /**
   * Reserved numbers as disjoint ranges by first number: a lookup is a floor search, so a
   * message with many reserved values and many fields stays near-linear.
   */
  private static TreeMap<Integer, Integer> merged(List<int[]> ranges) {
    ranges.sort(Comparator.comparingInt(r -> r[0]));
    TreeMap<Integer, Integer> out = new TreeMap<>();
    int[] cur = null;
    for (int[] r : ranges) {
      if (cur != null && r[0] <= cur[1] + 1L) {
        cur[1] = Math.max(cur[1], r[1]);
      } else {
        if (cur != null) {
          out.put(cur[0], cur[1]);
        }
        cur = new int[] {r[0], r[1]};
      }
    }
    if (cur != null) {
      out.put(cur[0], cur[1]);
    }
    return out;
  }
}
