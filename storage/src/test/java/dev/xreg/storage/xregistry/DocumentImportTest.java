package dev.xreg.storage.xregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.xreg.core.Json;
import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.command.Target;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoredEntity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (I1) in the engine: {@code PUT /} and {@code POST /} of a document read as a stream
 * from a file, in batches, against the embedded PostgreSQL; what the buffered path checks is
 * still checked, anywhere in the document, and a failure leaves nothing behind.
 */
class DocumentImportTest extends EngineOnFreshSchema {
  private static final String MODEL = "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{"
      + "\"files\":{\"singular\":\"file\",\"hasdocument\":false,"
      + "\"attributes\":{\"size\":{\"type\":\"integer\"}}}}}}}";
  /** More than two batches, so a batch boundary falls inside a Group. */
  private static final int MANY = DocumentImport.BATCH * 2 + 345;

  @TempDir
  Path dir;

  @BeforeEach
  void startWithTheModel() throws Exception {
    startEngine(new StorageOptions());
    run(() -> engine.xregistry().execute(request("PUT", "/modelsource", MODEL.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void postOfManyResourcesStoresEachWithItsVersionAndAnswersTheGroups() throws Exception {
    Path doc = write(g -> {
      g.writeObjectFieldStart("dirs");
      g.writeObjectFieldStart("big");
      g.writeObjectFieldStart("files");
      for (int i = 0; i < MANY; i++) {
        g.writeObjectFieldStart("r" + i);
        g.writeStringField("description", "resource " + i);
        g.writeNumberField("size", i);
        g.writeEndObject();
      }
      g.writeEndObject();
      // the Group's own attribute after its Resources: still the Group's, written first
      g.writeStringField("description", "the big one");
      g.writeEndObject();
      g.writeObjectFieldStart("small");
      g.writeEndObject();
      g.writeEndObject();
    });

    Reply reply = importing("POST", doc);

    assertThat(reply).isInstanceOf(Reply.Children.class);
    assertThat(((Reply.Children) reply).byType().get("dirs")).hasSize(2);
    StoredEntity big = find("/dirs/big");
    assertThat(big.entity().attributes().path("description").asText()).isEqualTo("the big one");
    assertThat(count(big.rowId(), "files")).isEqualTo(MANY);
    StoredEntity last = find("/dirs/big/files/r" + (MANY - 1) + "/meta");
    assertThat(last.entity().attributes().path("defaultversionid").asText()).isEqualTo("1");
    StoredEntity version = find("/dirs/big/files/r" + (MANY - 1) + "/versions/1");
    assertThat(version.entity().attributes().path("size").asLong()).isEqualTo(MANY - 1);
    assertThat(version.entity().attributes().path("description").asText()).isEqualTo("resource " + (MANY - 1));
    assertThat(find("/dirs/small")).isNotNull();
  }

  @Test
  void putOfAnExistingResourceUpdatesItAndCreatesTheRest() throws Exception {
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d/files/old",
        "{\"description\":\"before\"}".getBytes(StandardCharsets.UTF_8))));
    Path doc = write(g -> {
      g.writeStringField("name", "imported");
      g.writeObjectFieldStart("dirs");
      g.writeObjectFieldStart("d");
      g.writeObjectFieldStart("files");
      g.writeObjectFieldStart("old");
      g.writeStringField("description", "after");
      g.writeEndObject();
      g.writeObjectFieldStart("new");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    });

    importing("PUT", doc);

    assertThat(find("/dirs/d/files/old/versions/1").entity().attributes().path("description").asText())
        .isEqualTo("after");
    assertThat(find("/dirs/d/files/new/meta")).isNotNull();
    assertThat(await(store.read(tx -> tx.registry())).attributes().path("name").asText()).isEqualTo("imported");
  }

  @Test
  void aBadResourceDeepInTheDocumentFailsTheImportAndStoresNothing() throws Exception {
    Path doc = manyWith(MANY - 10, "{\"size\":\"not a number\"}");

    assertThatThrownBy(() -> importing("POST", doc)).hasRootCauseInstanceOf(XRegistryException.class)
        .rootCause().satisfies(e -> assertThat(((XRegistryException) e).type()).isEqualTo(ErrorType.INVALID_ATTRIBUTE));
    assertThat(find("/dirs/big")).as("rolled back").isNull();
  }

  /** CORE-ID-002 against a Resource stored before the import, found by the same probe that finds existing ones. */
  @Test
  void anIdDifferingOnlyInCaseFromAStoredResourceFailsTheImport() throws Exception {
    run(() -> engine.xregistry().execute(request("PUT", "/dirs/d/files/Old",
        "{\"description\":\"before\"}".getBytes(StandardCharsets.UTF_8))));
    Path doc = write(g -> {
      g.writeObjectFieldStart("dirs");
      g.writeObjectFieldStart("d");
      g.writeObjectFieldStart("files");
      g.writeObjectFieldStart("new");
      g.writeEndObject();
      g.writeObjectFieldStart("old");
      g.writeStringField("description", "after");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    });

    assertThatThrownBy(() -> importing("PUT", doc)).rootCause()
        .satisfies(e -> assertThat(((XRegistryException) e).type()).isEqualTo(ErrorType.BAD_REQUEST))
        .hasMessageContaining("differs only in case");
    assertThat(find("/dirs/d/files/new/meta")).as("rolled back").isNull();
    assertThat(find("/dirs/d/files/Old/versions/1").entity().attributes().path("description").asText())
        .isEqualTo("before");
  }

  @Test
  void idsDifferingOnlyInCaseAcrossBatchesFailTheImport() throws Exception {
    Path doc = manyWith(MANY - 1, null);
    Files.writeString(doc, Files.readString(doc).replace("\"r" + (MANY - 1) + "\"", "\"R7\""));

    assertThatThrownBy(() -> importing("POST", doc)).rootCause()
        .satisfies(e -> assertThat(((XRegistryException) e).type()).isEqualTo(ErrorType.BAD_REQUEST))
        .hasMessageContaining("differs only in case");
    assertThat(find("/dirs/big")).isNull();
  }

  @Test
  void malformedJsonAtTheEndFailsBeforeAnythingIsKept() throws Exception {
    Path doc = manyWith(MANY - 1, null);
    Files.writeString(doc, Files.readString(doc) + "}");

    assertThatThrownBy(() -> importing("POST", doc)).rootCause()
        .satisfies(e -> assertThat(((XRegistryException) e).type()).isEqualTo(ErrorType.PARSING_DATA));
    assertThat(find("/dirs/big")).isNull();
  }

  @Test
  void postWithAnythingButGroupCollectionsIsRefused() throws Exception {
    Path doc = dir.resolve("doc.json");
    Files.writeString(doc, "{\"dirs\":{\"a\":{}},\"name\":\"x\"}");

    assertThatThrownBy(() -> importing("POST", doc)).rootCause()
        .satisfies(e -> assertThat(((XRegistryException) e).type()).isEqualTo(ErrorType.GROUPS_ONLY));
    assertThat(find("/dirs/a")).isNull();
  }

  /** {@link #MANY} Resources in /dirs/big; the one at {@code at} has {@code odd} as its body if given. */
  private Path manyWith(int at, String odd) throws IOException {
    return write(g -> {
      g.writeObjectFieldStart("dirs");
      g.writeObjectFieldStart("big");
      g.writeObjectFieldStart("files");
      for (int i = 0; i < MANY; i++) {
        g.writeFieldName("r" + i);
        if (i == at && odd != null) {
          g.writeTree(Json.MAPPER.readTree(odd));
        } else {
          g.writeStartObject();
          g.writeNumberField("size", i);
          g.writeEndObject();
        }
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private Path write(Body body) throws IOException {
    Path doc = Files.createTempFile(dir, "import", ".json");
    try (OutputStream out = Files.newOutputStream(doc);
        JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    }
    return doc;
  }

  private Reply importing(String method, Path doc) throws Exception {
    return run(() -> new ImportCommand(request(method, "/", new byte[0]), doc, null).execute(engine));
  }

  private StoredEntity find(String xid) throws Exception {
    return await(store.read(tx -> tx.find(xid)));
  }

  private long count(long parent, String collection) throws Exception {
    return await(store.read(tx -> tx.counts(parent))).getOrDefault(collection, 0L);
  }

  private static RegistryRequest request(String method, String path, byte[] body) {
    return new RegistryRequest(Target.of(path), Operation.ofMethod(method), path, Map.<String, List<String>>of(), body,
        "application/json", Map.of());
  }
}
