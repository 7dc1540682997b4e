package dev.xreg.formats;

import static dev.xreg.formats.SchemaLineage.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.format.ValidationLimitExceeded;
import dev.xreg.core.format.ValidationLimitExceeded.Limit;
import dev.xreg.core.format.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile schema documents of issue 13 ("one request kills the server"): each is refused
 * or decided quickly, as a violation or a {@link ValidationLimitExceeded} naming the limit,
 * never a hang, an OutOfMemoryError or a StackOverflowError. The timeouts are hang guards only.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileSchemasTest {
  static final String AVRO = "Avro/1.11";
  static final AvroFormat AVRO_FORMAT = new AvroFormat();
  static final ProtobufFormat PROTOBUF = new ProtobufFormat();
  static final XsdFormat XSD = new XsdFormat();
  static final JsonSchemaFormat JSON_SCHEMA = new JsonSchemaFormat();
  /** The stack of a thread that is not {@code main} is often this small. */
  static final long SMALL_STACK = 512 * 1024;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Records R0..R{depth} where each record has two fields of the next record's type: every
   * path through the schema meets the leaf, 2^depth paths in all.
   */
  static String doublyLinkedRecords(int depth, String leafType) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("{\"type\":\"record\",\"name\":\"R").append(i).append("\",\"fields\":[{\"name\":\"a\",\"type\":");
    }
    sb.append("{\"type\":\"record\",\"name\":\"R").append(depth).append("\",\"fields\":[{\"name\":\"x\",\"type\":\"")
        .append(leafType).append("\"}]}");
    for (int i = depth - 1; i >= 0; i--) {
      sb.append("},{\"name\":\"b\",\"type\":\"R").append(i + 1).append("\"}]}");
    }
    return sb.toString();
  }

  // ---- 1. exponential compatibility checks

  @Test
  void avroRecordsReferencingTheNextOneTwiceAreComparedOncePerPair() {
    byte[] reader = bytes(doublyLinkedRecords(24, "string"));
    byte[] writer = bytes(doublyLinkedRecords(24, "int"));
    List<String> problems = AVRO_FORMAT.readProblems(AVRO, reader, writer);
    // the one break (the leaf's type) is reported once, not once per path (2^24)
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("TYPE_MISMATCH").contains("field a.a.a");
    assertThat(AVRO_FORMAT.readProblems(AVRO, reader, bytes(doublyLinkedRecords(24, "string")))).isEmpty();
  }

  @Test
  void avroExponentialLineageIsAnsweredAsACompatibilityViolation() {
    ResourceState s = create(AVRO, doublyLinkedRecords(24, "int"), "backward");
    XRegistryException e = SchemaLineage.assertViolation(s, AVRO, doublyLinkedRecords(24, "boolean"), "TYPE_MISMATCH");
    assertThat(e.detail()).hasSizeLessThan(2_000);
  }

  /** $defs d0..d{n} where d{i} has two properties of type d{i+1}. */
  static String doublyLinkedDefs(int depth, String leafType) {
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      defs.append("\"d").append(i).append("\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/definitions/d")
          .append(i + 1).append("\"},\"b\":{\"$ref\":\"#/definitions/d").append(i + 1).append("\"}}},");
    }
    defs.append("\"d").append(depth).append("\":{\"type\":\"").append(leafType).append("\"}");
    return "{\"$ref\":\"#/definitions/d0\",\"definitions\":{" + defs + "}}";
  }

  @Test
  void jsonSchemaRefsFanningOutAreComparedOncePerPair() {
    String format = "JsonSchema/draft-07";
    List<String> problems = JSON_SCHEMA.readProblems(format, bytes(doublyLinkedDefs(60, "integer")),
        bytes(doublyLinkedDefs(60, "string")));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("type string of the writer");
  }

  @Test
  void jsonSchemaRefChainDeeperThanTheLimitIsRefused() {
    // flat in the document (no nesting), but the check recurses once per $ref
    String chain = doublyLinkedDefs(500, "string");
    assertLimit(() -> JSON_SCHEMA.readProblems("JsonSchema/draft-07", bytes(chain), bytes(chain)), Limit.DEPTH);
  }

  @Test
  void compatibilityCheckBeyondALimitIsACompatibilityViolationNamingIt() {
    String chain = doublyLinkedDefs(500, "string");
    ResourceState s = create("JsonSchema/draft-07", chain, "backward");
    XRegistryException e = SchemaLineage.assertViolation(s, "JsonSchema/draft-07", chain, "nesting depth (128 levels)");
    assertThat(e.detail()).contains("Version 2");
  }

  // ---- 2. huge documents: near-linear checks, or refused by the definitions limit

  static String avroEnum(int symbols, String extra) {
    StringBuilder sb = new StringBuilder("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[");
    for (int i = 0; i < symbols; i++) {
      sb.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
    }
    return sb.append(extra).append("]}").toString();
  }

  @Test
  void avroEnumOf100000SymbolsIsCheckedInNearLinearTime() {
    ValidationLimits roomy = ValidationLimits.of(ValidationLimits.DEFAULT_MAX_DOCUMENT_BYTES, 128, 200_000,
        Duration.ofSeconds(30)).start();
    byte[] reader = bytes(avroEnum(100_000, ""));
    byte[] writer = bytes(avroEnum(100_000, ",\"NEW\""));
    assertThat(AVRO_FORMAT.violation(AVRO, writer, roomy)).isNull();
    assertThat(AVRO_FORMAT.readProblems(AVRO, reader, writer, roomy)).singleElement().asString()
        .contains("MISSING_ENUM_SYMBOLS").contains("[NEW]");
    assertThat(AVRO_FORMAT.readProblems(AVRO, writer, reader, roomy)).isEmpty();
  }

  @Test
  void avroEnumBeyondTheDefinitionsLimitIsRefused() {
    assertLimit(() -> AVRO_FORMAT.violation(AVRO, bytes(avroEnum(100_000, ""))), Limit.DEFINITIONS);
  }

  @Test
  void protobufFileOf50000MessagesIsRefusedBeforeParsing() {
    StringBuilder sb = new StringBuilder("syntax = \"proto3\"; package ex;\n");
    for (int i = 0; i < 50_000; i++) {
      sb.append("message M").append(i).append(" { string a = 1; }\n");
    }
    byte[] doc = bytes(sb.toString());
    assertLimit(() -> PROTOBUF.violation("Protobuf/3", doc), Limit.DEFINITIONS);
    assertLimit(() -> PROTOBUF.readProblems("Protobuf/3", doc, doc), Limit.DEFINITIONS);
  }

  @Test
  void documentsBeyondTheSizeLimitAreRefused() {
    ValidationLimits small = ValidationLimits.of(1024, 128, 1000, Duration.ofSeconds(5)).start();
    assertLimit(() -> AVRO_FORMAT.violation(AVRO, bytes(avroEnum(500, "")), small), Limit.DOCUMENT_BYTES);
  }

  // ---- 3. deep nesting: a limit, never a StackOverflowError

  static String nestedXsd(int depth) {
    StringBuilder sb = new StringBuilder("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">");
    for (int i = 0; i < depth; i++) {
      sb.append("<xs:element name=\"e").append(i).append("\"><xs:complexType><xs:sequence>");
    }
    sb.append("<xs:element name=\"leaf\" type=\"xs:string\"/>");
    for (int i = 0; i < depth; i++) {
      sb.append("</xs:sequence></xs:complexType></xs:element>");
    }
    return sb.append("</xs:schema>").toString();
  }

  static String nestedProto(int depth) {
    StringBuilder sb = new StringBuilder("syntax = \"proto3\";\n");
    for (int i = 0; i < depth; i++) {
      sb.append("message N").append(i).append(" { string a = 1;\n");
    }
    return sb.append("}\n".repeat(depth)).toString();
  }

  @Test
  void xsdWith400NestedAnonymousTypesIsADepthViolation() throws Exception {
    assertLimit(() -> onSmallStack(() -> XSD.violation("XSD/1.0", bytes(nestedXsd(400)))), Limit.DEPTH);
    assertThat(onSmallStack(() -> XSD.violation("XSD/1.0", bytes(nestedXsd(20))))).isNull();
  }

  @Test
  void protobufWith2000NestedMessagesIsADepthViolation() {
    assertLimit(() -> onSmallStack(() -> PROTOBUF.violation("Protobuf/3", bytes(nestedProto(2000)))), Limit.DEPTH);
    assertThat(onSmallStack(() -> PROTOBUF.violation("Protobuf/3", bytes(nestedProto(50))))).isNull();
  }

  @Test
  void braceInACommentOrStringDoesNotCountAsNesting() {
    String doc = "syntax = \"proto3\";\n// " + "{".repeat(500) + "\n/* " + "{".repeat(500) + " */\n"
        + "message A { string a = 1 [json_name = \"" + "{".repeat(500) + "\"]; }";
    assertThat(PROTOBUF.violation("Protobuf/3", bytes(doc))).isNull();
  }

  @Test
  void deeplyNestedJsonIsADepthViolationForAvroAndJsonSchema() {
    String deep = "{\"type\":\"array\",\"items\":".repeat(300) + "\"int\"" + "}".repeat(300);
    assertLimit(() -> onSmallStack(() -> AVRO_FORMAT.violation(AVRO, bytes(deep))), Limit.DEPTH);
    String deepSchema = "{\"items\":".repeat(300) + "{}" + "}".repeat(300);
    assertLimit(() -> onSmallStack(() -> JSON_SCHEMA.violation("JsonSchema/draft-07", bytes(deepSchema))),
        Limit.DEPTH);
  }

  @Test
  void deepDocumentIsAFormatViolationNamingTheLimit() {
    XRegistryException e = catchThrowableOfType(XRegistryException.class,
        () -> create("Protobuf/3", nestedProto(2000), null));
    assertThat(e).isNotNull();
    assertThat(e.type()).isEqualTo(ErrorType.FORMAT_VIOLATION);
    assertThat(e.detail()).contains("nesting depth").contains("128");
  }

  // ---- 4. absurd sizes

  @Test
  void avroFixedOfSize2147483647IsAViolation() {
    String fixed = "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2147483647}";
    assertThat(AVRO_FORMAT.violation(AVRO, bytes(fixed))).startsWith("not a valid Avro schema");
    assertThat(AVRO_FORMAT.violation(AVRO, bytes("{\"type\":\"fixed\",\"name\":\"F\",\"size\":16}"))).isNull();
  }

  // ---- 5. Protobuf field numbers

  static String message(String body) {
    return "syntax = \"proto3\"; package ex; message A { " + body + " }";
  }

  @Test
  void protobufFieldNumbersOutsideTheirRangeOrDuplicatedAreViolations() {
    assertFieldViolation("string a = 0;", "1 to 536870911");
    assertFieldViolation("string a = -1;", "1 to 536870911");
    assertFieldViolation("string a = 536870912;", "1 to 536870911");
    assertFieldViolation("string a = 19000;", "reserved for the Protobuf implementation");
    assertFieldViolation("string a = 19999;", "reserved for the Protobuf implementation");
    assertFieldViolation("string a = 1; string b = 1;", "already used by field a");
    assertFieldViolation("string a = 1; oneof o { string b = 1; }", "already used by field a");
    assertFieldViolation("reserved 5 to 10; string a = 7;", "reserved in message ex.A");
    assertFieldViolation("reserved \"a\"; string a = 1;", "reserved in message ex.A");
    assertThat(PROTOBUF.violation("Protobuf/3", bytes("syntax = \"proto3\"; message A { message B { string a = 2; "
        + "int32 b = 2; } }"))).contains("field A.B.b = 2").contains("already used");
    assertThat(PROTOBUF.violation("Protobuf/3", bytes(message("string a = 1; string b = 18999; string c = 20000; "
        + "string d = 536870911; reserved 5 to 10, 12; string e = 11;")))).isNull();
  }

  private static void assertFieldViolation(String body, String reason) {
    assertThat(PROTOBUF.violation("Protobuf/3", bytes(message(body)))).as(body).contains(reason);
  }

  // ---- the deadline is polled

  @Test
  void aCheckPastItsDeadlineStopsWithTheTimeLimit() throws Exception {
    ValidationLimits limits = ValidationLimits.of(ValidationLimits.DEFAULT_MAX_DOCUMENT_BYTES, 128, 20_000,
        Duration.ofMillis(1)).start();
    Thread.sleep(20);
    byte[] doc = bytes(doublyLinkedRecords(5, "string"));
    ValidationLimitExceeded e = catchThrowableOfType(ValidationLimitExceeded.class,
        () -> AVRO_FORMAT.readProblems(AVRO, doc, doc, limits));
    assertThat(e).isNotNull();
    assertThat(e.limit()).isEqualTo(Limit.TIME);
    assertThat(e.getMessage()).contains("validation time").contains("1 ms");
  }

  @Test
  void limitsThatWereNeverStartedHaveNoDeadline() throws Exception {
    ValidationLimits limits = ValidationLimits.of(1024, 8, 10, Duration.ofMillis(1));
    Thread.sleep(5);
    limits.checkTime();
    assertThatThrownBy(() -> limits.start().checkDepth(9)).isInstanceOf(ValidationLimitExceeded.class)
        .hasMessageContaining("nesting depth (8 levels)");
  }

  private static void assertLimit(Runnable r, Limit limit) {
    ValidationLimitExceeded e = catchThrowableOfType(ValidationLimitExceeded.class, r::run);
    assertThat(e).as("the limit on " + limit + " is exceeded").isNotNull();
    assertThat(e.limit()).isEqualTo(limit);
  }

  /** Runs on a thread with a small stack, rethrowing what it throws (errors included). */
  private static <T> T onSmallStack(java.util.function.Supplier<T> work) {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        out.set(work.get());
      } catch (Throwable e) {
        out.set(e);
      }
    }, "small-stack", SMALL_STACK);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (out.get() instanceof RuntimeException e) {
      throw e;
    }
    if (out.get() instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T result = (T) out.get();
    return result;
  }
}
