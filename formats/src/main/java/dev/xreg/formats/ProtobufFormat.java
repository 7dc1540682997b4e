package dev.xreg.formats;

import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;
import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.Formats;
import dev.xreg.core.format.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Protobuf ({@code Protobuf/2}, {@code Protobuf/3}, schema/spec.md 4.3.4; {@code /2.0} and
 * {@code /3.0} accepted as aliases): the {@code .proto} text is parsed with Square Wire's
 * schema parser, and its {@code syntax} must match the format (no {@code syntax} means proto2).
 * Before parsing, the size, the nesting of braces and the number of declarations are checked
 * against the {@link ValidationLimits}; after it, the field numbers ({@link FieldNumbers}).
 * Imports are not resolved (the server has no other files): types of the same document compare
 * by their full names, imported ones as written.
 *
 * <p>Compatibility compares messages by fully qualified name and fields by number, the
 * wire-level rules: a field number whose type changed and a field number reused under another
 * name break both directions; a reader that requires (proto2 {@code required}) a field the
 * writer lacks breaks; a message type the reader no longer has breaks. Removing a field is
 * compatible on the wire (the reader skips it as an unknown field); reserve its number.
 * Fields the writer can set together that the reader puts into one {@code oneof} break;
 * enum values compare by number (see {@link #enumValues}).
 */
public final class ProtobufFormat implements FormatValidator {
  private static final Pattern MAP = Pattern.compile("^map\\s*<\\s*([^,\\s]+)\\s*,\\s*([^>\\s]+)\\s*>$");

  @Override
  public List<String> formats() {
    return List.of("Protobuf/2", "Protobuf/3", "Protobuf/2.0", "Protobuf/3.0");
  }

  @Override
  public String violation(String format, byte[] document, ValidationLimits limits) {
    ProtoFileElement file;
    DocumentShape.proto(document, limits);
    try {
      file = parse(document);
    } catch (RuntimeException e) {
      return "not a valid .proto file: " + e.getMessage();
    }
    Syntax syntax = file.getSyntax() == null ? Syntax.PROTO_2 : file.getSyntax();
    String wanted = format.toLowerCase(Locale.ROOT).startsWith("protobuf/3") ? "proto3" : "proto2";
    String actual = syntax == Syntax.PROTO_3 ? "proto3" : "proto2";
    if (!wanted.equals(actual)) {
      return "the document declares syntax \"" + actual + "\" but the format is " + format;
    }
    return FieldNumbers.violation(prefix(file), file.getTypes(), limits);
  }

  @Override
  public Set<String> compatibilities() {
    return Set.copyOf(Formats.RULES);
  }

  @Override
  public List<String> readProblems(String format, byte[] reader, byte[] writer, ValidationLimits limits) {
    DocumentShape.proto(reader, limits);
    DocumentShape.proto(writer, limits);
    ProtoFileElement readerFile = parse(reader);
    ProtoFileElement writerFile = parse(writer);
    Map<String, MessageElement> r = messages(readerFile);
    Map<String, MessageElement> w = messages(writerFile);
    Set<String> readerTypes = typeNames(readerFile);
    Set<String> writerTypes = typeNames(writerFile);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, MessageElement> e : w.entrySet()) {
      limits.checkTime();
      MessageElement rm = r.get(e.getKey());
      if (rm == null) {
        out.add("message " + e.getKey() + " is missing from the reader");
        continue;
      }
      Map<Integer, FieldElement> rf = fields(rm);
      Map<Integer, FieldElement> wf = fields(e.getValue());
      for (FieldElement f : wf.values()) {
        FieldElement g = rf.get(f.getTag());
        String where = e.getKey() + "." + f.getName() + " (field " + f.getTag() + ")";
        if (g == null) {
          continue; // a removed field is skipped by the reader as an unknown field
        } else if (!qualified(g.getType(), e.getKey(), readerTypes)
            .equals(qualified(f.getType(), e.getKey(), writerTypes))) {
          out.add(where + " changed type: " + qualified(f.getType(), e.getKey(), writerTypes) + " in the writer, "
              + qualified(g.getType(), e.getKey(), readerTypes) + " in the reader");
        } else if (!g.getName().equals(f.getName())) {
          out.add("field number " + f.getTag() + " of " + e.getKey() + " was reused: \"" + f.getName()
              + "\" in the writer, \"" + g.getName() + "\" in the reader");
        }
      }
      for (FieldElement g : rf.values()) {
        if (!wf.containsKey(g.getTag()) && g.getLabel() == com.squareup.wire.schema.Field.Label.REQUIRED) {
          out.add(e.getKey() + "." + g.getName() + " (field " + g.getTag() + ") is required by the reader and missing from the writer");
        }
      }
      oneofMoves(e.getKey(), rm, e.getValue(), out);
    }
    boolean openEnums = readerFile.getSyntax() == Syntax.PROTO_3;
    Map<String, EnumElement> re = enums(readerFile);
    for (Map.Entry<String, EnumElement> e : enums(writerFile).entrySet()) {
      limits.checkTime();
      enumValues(e.getKey(), re.get(e.getKey()), e.getValue(), openEnums, out);
    }
    return out;
  }

  /**
   * A reader oneof holding two or more fields the writer could set together (they were not in
   * one writer oneof) keeps only the last one on the wire: data is lost. Moving a single field
   * into a new oneof, or fields out of a oneof, is compatible.
   */
  private static void oneofMoves(String message, MessageElement reader, MessageElement writer, List<String> out) {
    Map<Integer, String> writerOneof = new LinkedHashMap<>();
    for (OneOfElement o : writer.getOneOfs()) {
      o.getFields().forEach(f -> writerOneof.put(f.getTag(), o.getName()));
    }
    Map<Integer, FieldElement> wf = fields(writer);
    for (OneOfElement o : reader.getOneOfs()) {
      List<String> moved = new ArrayList<>();
      Set<String> from = new java.util.HashSet<>();
      for (FieldElement f : o.getFields()) {
        if (wf.containsKey(f.getTag())) {
          moved.add(f.getName() + " (field " + f.getTag() + ")");
          from.add(writerOneof.getOrDefault(f.getTag(), "field " + f.getTag())); // oneof names have no spaces
        }
      }
      if (from.size() > 1) {
        out.add(message + ": fields " + moved + " are in oneof " + o.getName() + " of the reader but could be set "
            + "together by the writer; only the last one would be kept");
      }
    }
  }

  /**
   * Enum values by number: a number whose name changed, and a name whose number changed, break;
   * a number the reader lacks breaks for proto2 readers (closed enums drop it to unknown fields)
   * and is kept as a number by proto3 readers (open enums). A removed enum type breaks.
   */
  private static void enumValues(String name, EnumElement reader, EnumElement writer, boolean open, List<String> out) {
    if (reader == null) {
      out.add("enum " + name + " is missing from the reader");
      return;
    }
    Map<Integer, List<String>> r = new LinkedHashMap<>(); // several names with allow_alias
    Map<String, Integer> rByName = new LinkedHashMap<>();
    reader.getConstants().forEach(c -> {
      r.computeIfAbsent(c.getTag(), k -> new ArrayList<>()).add(c.getName());
      rByName.put(c.getName(), c.getTag());
    });
    for (EnumConstantElement c : writer.getConstants()) {
      List<String> known = r.get(c.getTag());
      Integer number = rByName.get(c.getName());
      if (number != null && number != c.getTag()) {
        out.add("enum " + name + " value " + c.getName() + " changed number: " + c.getTag() + " in the writer, "
            + number + " in the reader");
      } else if (known != null && !known.contains(c.getName())) {
        out.add("enum " + name + " value number " + c.getTag() + " was reused: \"" + c.getName() + "\" in the writer, \""
            + String.join("\", \"", known) + "\" in the reader");
      } else if (known == null && !open) {
        out.add("enum " + name + " value " + c.getName() + " (" + c.getTag() + ") is missing from the reader; a proto2 "
            + "reader does not know it");
      }
    }
  }

  private static Map<Integer, FieldElement> fields(MessageElement m) {
    Map<Integer, FieldElement> out = new LinkedHashMap<>();
    m.getFields().forEach(f -> out.put(f.getTag(), f));
    for (OneOfElement o : m.getOneOfs()) {
      o.getFields().forEach(f -> out.put(f.getTag(), f));
    }
    return out;
  }

  private static Map<String, MessageElement> messages(ProtoFileElement file) {
    Map<String, MessageElement> out = new LinkedHashMap<>();
    collect(prefix(file), file.getTypes(), out, null);
    return out;
  }

  /** The full names of the document's messages and enums. */
  private static Set<String> typeNames(ProtoFileElement file) {
    Set<String> out = new java.util.HashSet<>(messages(file).keySet());
    out.addAll(enums(file).keySet());
    return out;
  }

  /**
   * A field type as a full name, resolved the way protoc does for types of the same document:
   * a leading {@code .} is absolute, otherwise the innermost enclosing scope that defines it
   * wins ({@code Foo} inside {@code ex.Job} is {@code ex.Job.Foo}, else {@code ex.Foo}, else
   * {@code Foo}). Scalars and imported types ({@code google.protobuf.Timestamp}) stay as written.
   */
  private static String qualified(String type, String scope, Set<String> known) {
    Matcher map = MAP.matcher(type);
    if (map.matches()) {
      return "map<" + map.group(1) + "," + qualified(map.group(2), scope, known) + ">";
    }
    if (type.startsWith(".")) {
      return type.substring(1);
    }
    for (String s = scope; !s.isEmpty(); s = s.contains(".") ? s.substring(0, s.lastIndexOf('.')) : "") {
      if (known.contains(s + "." + type)) {
        return s + "." + type;
      }
    }
    return type;
  }

  private static Map<String, EnumElement> enums(ProtoFileElement file) {
    Map<String, EnumElement> out = new LinkedHashMap<>();
    collect(prefix(file), file.getTypes(), null, out);
    return out;
  }

  private static String prefix(ProtoFileElement file) {
    return file.getPackageName() == null ? "" : file.getPackageName() + ".";
  }

  /** Messages and enums by full name, nested ones included (either map may be null). */
  private static void collect(String prefix, List<TypeElement> types, Map<String, MessageElement> messages,
      Map<String, EnumElement> enums) {
    for (TypeElement t : types) {
      if (t instanceof MessageElement m && messages != null) {
        messages.put(prefix + m.getName(), m);
      } else if (t instanceof EnumElement en && enums != null) {
        enums.put(prefix + en.getName(), en);
      }
      collect(prefix + t.getName() + ".", t.getNestedTypes(), messages, enums);
    }
  }

  private static ProtoFileElement parse(byte[] document) {
    return ProtoParser.Companion.parse(Location.get("schema.proto"), new String(document, StandardCharsets.UTF_8));
  }
}
