package dev.xreg.formats;

import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;
import dev.xreg.core.format.FormatValidator;
import dev.xreg.core.format.Formats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Protobuf ({@code Protobuf/2}, {@code Protobuf/3}, schema/spec.md 4.3.4; {@code /2.0} and
 * {@code /3.0} accepted as aliases): the {@code .proto} text is parsed with Square Wire's
 * schema parser, and its {@code syntax} must match the format (no {@code syntax} means proto2).
 * Imports are not resolved (the server has no other files).
 *
 * <p>Compatibility compares messages by fully qualified name and fields by number, the
 * wire-level rules: a field number whose type changed and a field number reused under another
 * name break both directions; a reader that requires (proto2 {@code required}) a field the
 * writer lacks breaks; a message type the reader no longer has breaks. Removing a field is
 * compatible on the wire (the reader skips it as an unknown field); reserve its number.
 */
public final class ProtobufFormat implements FormatValidator {

  @Override
  public List<String> formats() {
    return List.of("Protobuf/2", "Protobuf/3", "Protobuf/2.0", "Protobuf/3.0");
  }

  @Override
  public String violation(String format, byte[] document) {
    ProtoFileElement file;
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
    return null;
  }

  @Override
  public Set<String> compatibilities() {
    return Set.copyOf(Formats.RULES);
  }

  @Override
  public List<String> readProblems(String format, byte[] reader, byte[] writer) {
    Map<String, MessageElement> r = messages(parse(reader));
    Map<String, MessageElement> w = messages(parse(writer));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, MessageElement> e : w.entrySet()) {
      MessageElement rm = r.get(e.getKey());
      if (rm == null) {
        out.add("message " + e.getKey() + " was removed");
        continue;
      }
      Map<Integer, FieldElement> rf = fields(rm);
      Map<Integer, FieldElement> wf = fields(e.getValue());
      for (FieldElement f : wf.values()) {
        FieldElement g = rf.get(f.getTag());
        String where = e.getKey() + "." + f.getName() + " (field " + f.getTag() + ")";
        if (g == null) {
          continue; // a removed field is skipped by the reader as an unknown field
        } else if (!g.getType().equals(f.getType())) {
          out.add(where + " changed type from " + f.getType() + " to " + g.getType());
        } else if (!g.getName().equals(f.getName())) {
          out.add("field number " + f.getTag() + " of " + e.getKey() + " was reused: \"" + f.getName()
              + "\" became \"" + g.getName() + "\"");
        }
      }
      for (FieldElement g : rf.values()) {
        if (!wf.containsKey(g.getTag()) && g.getLabel() == com.squareup.wire.schema.Field.Label.REQUIRED) {
          out.add(e.getKey() + "." + g.getName() + " (field " + g.getTag() + ") is a new required field");
        }
      }
    }
    return out;
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
    String prefix = file.getPackageName() == null ? "" : file.getPackageName() + ".";
    collect(prefix, file.getTypes(), out);
    return out;
  }

  private static void collect(String prefix, List<TypeElement> types, Map<String, MessageElement> out) {
    for (TypeElement t : types) {
      if (t instanceof MessageElement m) {
        out.put(prefix + m.getName(), m);
        collect(prefix + m.getName() + ".", m.getNestedTypes(), out);
      }
    }
  }

  private static ProtoFileElement parse(byte[] document) {
    return ProtoParser.Companion.parse(Location.get("schema.proto"), new String(document, StandardCharsets.UTF_8));
  }
}
