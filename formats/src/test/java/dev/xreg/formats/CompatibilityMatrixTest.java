package dev.xreg.formats;

import static dev.xreg.formats.SchemaLineage.addVersion;
import static dev.xreg.formats.SchemaLineage.assertViolation;
import static dev.xreg.formats.SchemaLineage.compatibilityValidated;
import static dev.xreg.formats.SchemaLineage.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.XRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every compatibility rule for every format with a compatibility check (SCHEMA-023, SCHEMA-027,
 * SCHEMA-031; issue 7 "per compatibility rule and format, at least one compatible and one
 * breaking change"): each case is a lineage of Versions written under the rule, the newest one
 * accepted ({@code compatibilityvalidated: true}) or refused with a compatibility_violation whose
 * detail names the change, nothing stored. The verdicts are Confluent Schema Registry's per format
 * as docs/compatibility.md documents them.
 *
 * <p>For the {@code _transitive} rules the breaking Avro and Protobuf lineages have three Versions
 * whose newest is compatible with its direct ancestor but not with the oldest: the direct rule
 * accepts that lineage, the transitive one refuses it. JSON Schema has no such lineage: "the
 * reader reads the writer's data" is inclusion of the sets of valid values, so a lineage where
 * each step passes passes as a whole; there the newest Version breaks both older ones, and both
 * rules refuse it.
 */
class CompatibilityMatrixTest {
  enum Verdict {
    COMPATIBLE("compatible"),
    BREAKING("breaking"),
    /** the newest Version reads/is read by its direct ancestor, not the oldest one */
    BREAKING_ONLY_TRANSITIVELY("breaking only transitively");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  /**
   * @param lineage the documents of Versions 1..n; all but the newest are accepted under the rule
   * @param detail what the violation detail must contain (the change: field and reason)
   */
  record Case(String format, String rule, Verdict verdict, String change, List<String> lineage, String detail) {
    @Override
    public String toString() {
      return format + " " + rule + ", " + verdict.text + ": " + change;
    }

    String newest() {
      return lineage.get(lineage.size() - 1);
    }

    List<String> older() {
      return lineage.subList(0, lineage.size() - 1);
    }

    /** {@code backward} for {@code backward_transitive}, ... */
    String directRule() {
      return rule.replace("_transitive", "");
    }
  }

  // ---- Avro: Apache Avro's reader/writer check; backward = the new schema reads old data
  static final String AVRO = "Avro/1.11";
  static final String CAMERA = "{\"name\":\"camera\",\"type\":\"string\"}";
  static final String CAMERA_DEFAULT = "{\"name\":\"camera\",\"type\":\"string\",\"default\":\"\"}";
  static final String CAMERA_INT = "{\"name\":\"camera\",\"type\":\"int\"}";
  static final String CAM = "{\"name\":\"cam\",\"type\":\"string\"}";
  static final String CAM_ALIAS = "{\"name\":\"cam\",\"type\":\"string\",\"aliases\":[\"camera\"]}";
  static final String CAM_ALIAS_DEFAULT = "{\"name\":\"cam\",\"type\":\"string\",\"aliases\":[\"camera\"],"
      + "\"default\":\"\"}";
  static final String MOTION = "{\"name\":\"motionType\",\"type\":\"string\"}";
  static final String MOTION_DEFAULT = "{\"name\":\"motionType\",\"type\":\"string\",\"default\":\"any\"}";
  static final String ZONE = "{\"name\":\"zone\",\"type\":\"int\"}";
  static final String ZONE_DEFAULT = "{\"name\":\"zone\",\"type\":\"int\",\"default\":0}";

  static String avro(String... fields) {
    return CompatibilityTest.avro(String.join(",", fields));
  }

  static Stream<Case> avroCases() {
    return Stream.of(
        new Case(AVRO, "backward", Verdict.COMPATIBLE, "added field with default",
            List.of(avro(CAMERA), avro(CAMERA, MOTION_DEFAULT)), null),
        new Case(AVRO, "backward", Verdict.COMPATIBLE, "renamed field with alias",
            List.of(avro(CAMERA), avro(CAM_ALIAS)), null),
        new Case(AVRO, "backward", Verdict.BREAKING, "added required field (no default)",
            List.of(avro(CAMERA), avro(CAMERA, MOTION)),
            "Version 2 cannot read data written with Version 1 (backward): field motionType: "
                + "READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "backward", Verdict.BREAKING, "renamed field without alias or default",
            List.of(avro(CAMERA), avro(CAM)), "(backward): field cam: READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "forward", Verdict.COMPATIBLE, "added required field",
            List.of(avro(CAMERA), avro(CAMERA, MOTION)), null),
        new Case(AVRO, "forward", Verdict.COMPATIBLE, "removed field that had a default",
            List.of(avro(CAMERA, MOTION_DEFAULT), avro(CAMERA)), null),
        new Case(AVRO, "forward", Verdict.BREAKING, "removed field without default",
            List.of(avro(CAMERA, MOTION), avro(CAMERA)),
            "Version 1 cannot read data written with Version 2 (forward): field motionType: "
                + "READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "forward", Verdict.BREAKING, "renamed field with alias (the old reader lacks the alias)",
            List.of(avro(CAMERA), avro(CAM_ALIAS)), "(forward): field camera: READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "full", Verdict.COMPATIBLE, "renamed field with alias and default",
            List.of(avro(CAMERA_DEFAULT), avro(CAM_ALIAS_DEFAULT)), null),
        new Case(AVRO, "full", Verdict.COMPATIBLE, "added field with default",
            List.of(avro(CAMERA), avro(CAMERA, MOTION_DEFAULT)), null),
        new Case(AVRO, "full", Verdict.BREAKING, "changed type string to int",
            List.of(avro(CAMERA), avro(CAMERA_INT)), "field camera: TYPE_MISMATCH"),
        new Case(AVRO, "full", Verdict.BREAKING, "renamed field with alias but without default",
            List.of(avro(CAMERA), avro(CAM_ALIAS)), "(forward): field camera: READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "backward_transitive", Verdict.COMPATIBLE,
            "renamed field with alias, then added field with default",
            List.of(avro(CAMERA), avro(CAM_ALIAS), avro(CAM_ALIAS, ZONE_DEFAULT)), null),
        new Case(AVRO, "backward_transitive", Verdict.BREAKING_ONLY_TRANSITIVELY,
            "field added with default, then its default dropped",
            List.of(avro(CAMERA), avro(CAMERA, MOTION_DEFAULT), avro(CAMERA, MOTION)),
            "Version 3 cannot read data written with Version 1 (backward): field motionType: "
                + "READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "forward_transitive", Verdict.COMPATIBLE, "added required fields",
            List.of(avro(CAMERA), avro(CAMERA, MOTION), avro(CAMERA, MOTION, ZONE)), null),
        new Case(AVRO, "forward_transitive", Verdict.BREAKING_ONLY_TRANSITIVELY,
            "default added to a required field, then the field removed",
            List.of(avro(CAMERA, MOTION), avro(CAMERA, MOTION_DEFAULT), avro(CAMERA)),
            "Version 1 cannot read data written with Version 3 (forward): field motionType: "
                + "READER_FIELD_MISSING_DEFAULT_VALUE"),
        new Case(AVRO, "full_transitive", Verdict.COMPATIBLE, "added fields with defaults",
            List.of(avro(CAMERA), avro(CAMERA, MOTION_DEFAULT), avro(CAMERA, MOTION_DEFAULT, ZONE_DEFAULT)), null),
        new Case(AVRO, "full_transitive", Verdict.BREAKING_ONLY_TRANSITIVELY,
            "field added with default, then its default dropped",
            List.of(avro(CAMERA), avro(CAMERA, MOTION_DEFAULT), avro(CAMERA, MOTION)),
            "Version 3 cannot read data written with Version 1 (backward): field motionType: "
                + "READER_FIELD_MISSING_DEFAULT_VALUE"));
  }

  // ---- Protobuf: messages by full name, fields by number
  static final String PROTO3 = "Protobuf/3";
  static final String PROTO2 = "Protobuf/2";

  static String job(String fields) {
    return "syntax = \"proto3\"; package ex; message Job { string id = 1; " + fields + " }";
  }

  static final String PAGES = "int32 pages = 2;";
  static final String PAGES_STRING = "string pages = 2;";
  static final String COPIES = "int32 copies = 2;";
  static final String RESERVED = "reserved 2;";
  static final String OWNER = "string owner = 3;";

  static String proto2(String fields) {
    return "syntax = \"proto2\"; message Print { " + fields + " }";
  }

  static Stream<Case> protobufCases() {
    List<Case> out = new ArrayList<>(List.of(
        new Case(PROTO3, "backward", Verdict.COMPATIBLE, "added field",
            List.of(job(""), job(PAGES)), null),
        new Case(PROTO3, "backward", Verdict.BREAKING, "field number reused under another name",
            List.of(job(PAGES), job(COPIES)),
            "(backward): field number 2 of ex.Job was reused: \"pages\" in the writer, \"copies\" in the reader"),
        new Case(PROTO2, "backward", Verdict.BREAKING, "added required field",
            List.of(proto2("optional string id = 1;"), proto2("optional string id = 1; required int32 n = 2;")),
            "(backward): Print.n (field 2) is required by the reader and missing from the writer"),
        new Case(PROTO3, "forward", Verdict.COMPATIBLE, "removed field, number reserved",
            List.of(job(PAGES), job(RESERVED)), null),
        new Case(PROTO2, "forward", Verdict.BREAKING, "removed required field",
            List.of(proto2("required string id = 1; optional int32 n = 2;"), proto2("optional int32 n = 2;")),
            "Version 1 cannot read data written with Version 2 (forward): Print.id (field 1) is required by the reader "
                + "and missing from the writer"),
        new Case(PROTO3, "full", Verdict.COMPATIBLE, "removed field with its number reserved, added field",
            List.of(job(PAGES), job(RESERVED + OWNER)), null),
        new Case(PROTO3, "full", Verdict.BREAKING, "changed type int32 to string",
            List.of(job(PAGES), job(PAGES_STRING)), "ex.Job.pages (field 2) changed type: int32 in the writer, string in the reader")));
    for (String rule : List.of("backward_transitive", "forward_transitive", "full_transitive")) {
      out.add(new Case(PROTO3, rule, Verdict.COMPATIBLE, "added fields",
          List.of(job(""), job(PAGES), job(PAGES + OWNER)), null));
      out.add(new Case(PROTO3, rule, Verdict.BREAKING_ONLY_TRANSITIVELY,
          "field removed with its number reserved, then the number reused",
          List.of(job(PAGES), job(RESERVED), job(COPIES)),
          (rule.startsWith("forward") ? "Version 1 cannot read data written with Version 3"
              : "Version 3 cannot read data written with Version 1") + " (" + (rule.startsWith("forward") ? "forward"
              : "backward") + "): field number 2 of ex.Job was reused"));
    }
    return out.stream();
  }

  // ---- JSON Schema: open/closed content model; the reader must accept every value the writer allows
  static final String JSON = "JsonSchema/draft-07";
  static final String J_CAMERA = JsonSchemaCompatibilityTest.CAMERA;
  static final String J_MOTION = JsonSchemaCompatibilityTest.MOTION;
  static final String J_CAMERA_INT = "\"camera\":{\"type\":\"integer\"}";
  static final String J_NOTE = "\"note\":{\"description\":\"free text, any value\"}";
  static final String J_CAMERA_DESCRIBED = "\"camera\":{\"type\":\"string\",\"description\":\"camera id\"}";

  static String open(String properties, String required) {
    return JsonSchemaCompatibilityTest.object(properties, required, null);
  }

  static String closed(String properties, String required) {
    return JsonSchemaCompatibilityTest.object(properties, required, "false");
  }

  static Stream<Case> jsonSchemaCases() {
    String both = J_CAMERA + "," + J_MOTION;
    return Stream.of(
        new Case(JSON, "backward", Verdict.COMPATIBLE, "added optional property to a closed schema",
            List.of(closed(J_CAMERA, null), closed(both, null)), null),
        new Case(JSON, "backward", Verdict.COMPATIBLE, "removed property from an open schema",
            List.of(open(both, null), open(J_CAMERA, null)), null),
        new Case(JSON, "backward", Verdict.BREAKING, "added required property",
            List.of(open(J_CAMERA, "\"camera\""), open(both, "\"camera\",\"motionType\"")),
            "Version 2 cannot read data written with Version 1 (backward): field motionType: required by the reader, not by the writer"),
        new Case(JSON, "backward", Verdict.BREAKING, "added optional property to an open schema",
            List.of(open(J_CAMERA, null), open(both, null)),
            "(backward): field motionType: the reader restricts the type to \"string\", the writer allows any type"),
        new Case(JSON, "forward", Verdict.COMPATIBLE, "added optional property to an open schema",
            List.of(open(J_CAMERA, null), open(both, null)), null),
        new Case(JSON, "forward", Verdict.COMPATIBLE, "added required property",
            List.of(open(J_CAMERA, "\"camera\""), open(both, "\"camera\",\"motionType\"")), null),
        new Case(JSON, "forward", Verdict.BREAKING, "added optional property to a closed schema",
            List.of(closed(J_CAMERA, null), closed(both, null)),
            "Version 1 cannot read data written with Version 2 (forward): field motionType: the property is not "
                + "allowed by the reader"),
        new Case(JSON, "forward", Verdict.BREAKING, "removed required property",
            List.of(open(both, "\"camera\",\"motionType\""), open(J_CAMERA, "\"camera\"")),
            "Version 1 cannot read data written with Version 2 (forward): field motionType: required by the reader, not "
                + "by the writer"),
        new Case(JSON, "full", Verdict.COMPATIBLE, "added annotation-only property to an open schema",
            List.of(open(J_CAMERA, null), open(J_CAMERA + "," + J_NOTE, null)), null),
        new Case(JSON, "full", Verdict.BREAKING, "changed type string to integer",
            List.of(open(J_CAMERA, null), open(J_CAMERA_INT, null)),
            "(backward): field camera: type string of the writer is not accepted by the reader"),
        new Case(JSON, "backward_transitive", Verdict.COMPATIBLE,
            "added optional property to a closed schema, then opened it",
            List.of(closed(J_CAMERA, null), closed(both, null), open(both, null)), null),
        new Case(JSON, "backward_transitive", Verdict.BREAKING, "required a property the older Versions lack",
            List.of(open(J_CAMERA, null), open(J_CAMERA + "," + J_NOTE, null), open(both, "\"motionType\"")),
            "Version 3 cannot read data written with Version 1 (backward): field motionType"),
        new Case(JSON, "forward_transitive", Verdict.COMPATIBLE,
            "added optional property to an open schema, then required it",
            List.of(open(J_CAMERA, null), open(both, null), open(both, "\"motionType\"")), null),
        new Case(JSON, "forward_transitive", Verdict.BREAKING, "closed schema gets a new property",
            List.of(closed(J_CAMERA, null), closed(J_CAMERA, "\"camera\""), closed(both, "\"camera\"")),
            "Version 1 cannot read data written with Version 3 (forward): field motionType: the property is not "
                + "allowed by the reader"),
        new Case(JSON, "full_transitive", Verdict.COMPATIBLE, "annotations added",
            List.of(open(J_CAMERA, null), open(J_CAMERA + "," + J_NOTE, null),
                open(J_CAMERA_DESCRIBED + "," + J_NOTE, null)), null),
        new Case(JSON, "full_transitive", Verdict.BREAKING, "changed type string to integer",
            List.of(open(J_CAMERA, null), open(J_CAMERA + "," + J_NOTE, null), open(J_CAMERA_INT + "," + J_NOTE, null)),
            "Version 3 cannot read data written with Version 1 (backward): field camera: type string of the writer is "
                + "not accepted by the reader"));
  }

  static Stream<Case> cases() {
    return Stream.of(avroCases(), protobufCases(), jsonSchemaCases()).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evolution(Case c) {
    ResourceState s = olderVersions(c, c.rule());
    if (c.verdict() == Verdict.COMPATIBLE) {
      ResourceState after = addVersion(s, c.format(), c.newest());
      assertThat(after.versions()).hasSize(c.lineage().size());
      assertThat(after.versions().keySet()).allMatch(vid -> compatibilityValidated(after, vid));
      return;
    }
    XRegistryException e = assertViolation(s, c.format(), c.newest(), c.detail());
    if (!c.rule().endsWith("_transitive")) {
      return;
    }
    ResourceState direct = olderVersions(c, c.directRule());
    if (c.verdict() == Verdict.BREAKING_ONLY_TRANSITIVELY) {
      assertThat(e.detail()).as("the direct step is compatible").doesNotContain("Version 2");
      ResourceState after = addVersion(direct, c.format(), c.newest());
      assertThat(compatibilityValidated(after, Integer.toString(c.lineage().size())))
          .as("the direct rule " + c.directRule() + " accepts the lineage").isTrue();
    } else {
      assertThat(e.detail()).as("the newest Version also breaks its direct ancestor").contains("Version 2");
      assertThat(assertViolation(direct, c.format(), c.newest(), "Version 2").detail())
          .as("the direct rule compares with the direct ancestor only").doesNotContain("Version 1 ");
    }
  }

  /** Versions 1..n-1 of the case written under {@code rule}, each accepted and compatibility-validated. */
  private static ResourceState olderVersions(Case c, String rule) {
    ResourceState s = null;
    for (String doc : c.older()) {
      s = s == null ? create(c.format(), doc, rule) : addVersion(s, c.format(), doc);
      ResourceState written = s;
      assertThat(written.versions().keySet()).as("older Versions are accepted under " + rule)
          .allMatch(vid -> compatibilityValidated(written, vid));
    }
    return s;
  }
}
