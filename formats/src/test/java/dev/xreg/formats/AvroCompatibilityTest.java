package dev.xreg.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.format.ValidationLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AvroCompatibility} decides as Apache Avro's {@link SchemaCompatibility} does: for every
 * ordered pair of a corpus of schemas (promotions, unions both ways, enums with and without a
 * default, fixed sizes, names and aliases, field defaults and aliases, nested and recursive
 * records) the verdict and the distinct (type, location) of the incompatibilities are Avro's.
 * Avro may list one break several times (once per path); here each is listed once.
 */
class AvroCompatibilityTest {
  static final List<String> CORPUS = List.of(
      "\"int\"", "\"long\"", "\"float\"", "\"double\"", "\"string\"", "\"bytes\"", "\"null\"", "\"boolean\"",
      "[\"null\",\"int\"]", "[\"null\",\"string\",\"long\"]", "[\"int\",\"string\"]",
      "{\"type\":\"array\",\"items\":\"int\"}", "{\"type\":\"array\",\"items\":\"long\"}",
      "{\"type\":\"map\",\"values\":\"string\"}", "{\"type\":\"map\",\"values\":[\"null\",\"bytes\"]}",
      "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}",
      "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\",\"C\"]}",
      "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"Z\"],\"default\":\"Z\"}",
      "{\"type\":\"enum\",\"name\":\"F\",\"symbols\":[\"A\",\"B\"]}",
      "{\"type\":\"fixed\",\"name\":\"X\",\"size\":4}", "{\"type\":\"fixed\",\"name\":\"X\",\"size\":8}",
      "{\"type\":\"fixed\",\"name\":\"Y\",\"size\":4,\"aliases\":[\"X\"]}",
      rec("R", "{\"name\":\"a\",\"type\":\"int\"}"),
      rec("R", "{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}"),
      rec("R", "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}"),
      rec("R", "{\"name\":\"c\",\"type\":\"int\",\"aliases\":[\"a\"]}"),
      rec("S", "{\"name\":\"a\",\"type\":\"int\"}"),
      rec("R", "{\"name\":\"a\",\"type\":[\"null\",\"int\"]},{\"name\":\"e\",\"type\":"
          + "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}}"),
      rec("R", "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"e\",\"type\":"
          + "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}}"),
      rec("Node", "{\"name\":\"v\",\"type\":\"int\"},{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}"),
      rec("Node", "{\"name\":\"v\",\"type\":\"string\"},{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}"),
      rec("Node", "{\"name\":\"v\",\"type\":\"long\"},{\"name\":\"next\",\"type\":[\"null\",\"Node\"]},"
          + "{\"name\":\"kids\",\"type\":{\"type\":\"array\",\"items\":\"Node\"},\"default\":[]}"),
      "[\"null\"," + rec("R", "{\"name\":\"a\",\"type\":\"int\"}") + "]",
      "[" + rec("R", "{\"name\":\"a\",\"type\":\"string\"}") + ",\"int\"]");

  static String rec(String name, String fields) {
    return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + fields + "]}";
  }

  static Stream<String[]> pairs() {
    List<String[]> out = new ArrayList<>();
    for (String r : CORPUS) {
      for (String w : CORPUS) {
        out.add(new String[] {r, w});
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void decidesAsAvro(String reader, String writer) {
    Schema r = new Schema.Parser().parse(reader);
    Schema w = new Schema.Parser().parse(writer);
    SchemaCompatibility.SchemaCompatibilityResult avro =
        SchemaCompatibility.checkReaderWriterCompatibility(r, w).getResult();
    List<AvroCompatibility.Found> ours = AvroCompatibility.check(r, w, ValidationLimits.DEFAULTS.start());
    assertThat(ours.isEmpty()).as("compatible").isEqualTo(avro.getCompatibility()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    Set<String> expected = new LinkedHashSet<>();
    avro.getIncompatibilities().forEach(i -> expected.add(i.getType() + " at " + i.getLocation() + ": "
        + i.getMessage()));
    List<String> actual = ours.stream().map(f -> f.type() + " at " + f.location() + ": " + f.message()).toList();
    assertThat(actual).doesNotHaveDuplicates();
    assertThat(new LinkedHashSet<>(actual)).isEqualTo(expected);
  }
}
