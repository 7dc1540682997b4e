package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (I1): a 100,000-Resource document imports into a server with a 256 MB heap (the body
 * is spooled to a file and read as a stream, written in batches), all or nothing; its export,
 * imported into a second such server with {@code PUT /?ignore=epoch}, exports the same document.
 * The test writes and reads every document as a file with streaming generators and parsers, so
 * neither side holds one in memory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeImportIT {
  private static final int RESOURCES = 100_000;
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\","
      + "\"resources\":{\"files\":{\"singular\":\"file\",\"hasdocument\":false,"
      + "\"attributes\":{\"size\":{\"type\":\"integer\"}}}}}}}";
  private static final JsonFactory JSON = XregServer.JSON.getFactory();

  @TempDir
  static Path dir;
  private static XregServer source;
  private static XregServer target;

  @BeforeAll
  static void start() throws Exception {
    source = XregServer.fresh().jvmArg("-Xmx256m").start();
    target = XregServer.fresh().jvmArg("-Xmx256m").start();
    source.ok("PUT", "/modelsource", MODEL);
    target.ok("PUT", "/modelsource", MODEL);
  }

  @AfterAll
  static void stop() throws Exception {
    source.close();
    target.close();
  }

  @Test
  @Order(1)
  void aBadResourceInTheMiddleFailsTheImportAndStoresNothing() throws Exception {
    Path doc = document("bad.json", RESOURCES / 2);

    HttpResponse<String> r = source.sendFile("POST", "/", doc);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).endsWith("#invalid_attribute");
    assertThat(source.json("/dirs").size()).as("nothing stored").isZero();
  }

  @Test
  @Order(2)
  void aHundredThousandResourcesImportAndRoundTripThroughExport() throws Exception {
    Path doc = document("good.json", -1);

    HttpResponse<String> posted = source.sendFile("POST", "/", doc);
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    Path exported = export(source, "exported.json");
    assertThat(resourcesIn(exported)).isEqualTo(RESOURCES + 1);

    HttpResponse<String> put = target.sendFile("PUT", "/?ignore=epoch", exported);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    Path reexported = export(target, "reexported.json");
    assertThat(digestWithoutEpochs(reexported)).isEqualTo(digestWithoutEpochs(exported));
    assertThat(source.json("/health").path("status").asText()).isEqualTo("UP");
  }

  /**
   * /dirs/big with {@link #RESOURCES} Resources (the one at {@code bad}, if not negative, with a
   * string where the model wants an integer) and /dirs/small with one.
   */
  private static Path document(String name, int bad) throws IOException {
    Path doc = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(doc); JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("dirs");
      g.writeObjectFieldStart("big");
      g.writeStringField("description", "many files");
      g.writeObjectFieldStart("files");
      for (int i = 0; i < RESOURCES; i++) {
        g.writeObjectFieldStart(String.format("r%07d", i));
        g.writeStringField("description", "resource " + i);
        if (i == bad) {
          g.writeStringField("size", "large");
        } else {
          g.writeNumberField("size", i);
        }
        g.writeObjectFieldStart("labels");
        g.writeStringField("k", Integer.toString(i % 100));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeObjectFieldStart("small");
      g.writeObjectFieldStart("files");
      g.writeObjectFieldStart("only");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    return doc;
  }

  private static Path export(XregServer server, String name) throws Exception {
    HttpResponse<InputStream> r = server.getStream("/export");
    assertThat(r.statusCode()).isEqualTo(200);
    Path file = dir.resolve(name);
    try (InputStream in = r.body()) {
      Files.copy(in, file);
    }
    return file;
  }

  /** The Resources in an export: the members of each Group's {@code files} map. */
  private static int resourcesIn(Path export) throws IOException {
    int n = 0;
    try (JsonParser p = JSON.createParser(export.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        // /dirs/<gid>/files, not the "files" of the model the export carries too
        if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().toString().matches("/dirs/[^/]+/files")
            && p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            n++;
            p.nextToken();
            p.skipChildren();
          }
        }
      }
    }
    return n;
  }

  /**
   * SHA-256 of the document's tokens in order, every {@code epoch} member left out: epochs are
   * not transferable (creating an entity ignores a given epoch, CORE-COM-005).
   */
  private static String digestWithoutEpochs(Path export) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (JsonParser p = JSON.createParser(export.toFile())) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && "epoch".equals(p.currentName())) {
          p.nextToken();
          p.skipChildren();
          continue;
        }
        sha.update((t.name() + ":" + (t.isScalarValue() || t == JsonToken.FIELD_NAME ? p.getText() : "") + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
