package dev.xreg.core.flag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.Json;
import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import dev.xreg.core.model.Model;
import dev.xreg.core.path.EntityPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code ?ignore} flag on write bodies (CORE-IGN-*). */
class IgnoreTest {
  private static final Model MODEL = Model.parse(Json.parseTrusted(
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}"));

  @Test
  void ignoreIdDropsOnlyTheRootEntitysOwnIds_CORE_IGN_002() {
    assertThat(strip("id", "PUT", "/dirs/d2", "{\"dirid\":\"d1\",\"name\":\"n\",\"files\":{\"f\":{\"fileid\":\"f\"}}}"))
        .isEqualTo(Json.parseTrusted("{\"name\":\"n\",\"files\":{\"f\":{\"fileid\":\"f\"}}}"));
    assertThat(strip("id", "PATCH", "/dirs/d/files/f2/versions/v2", "{\"fileid\":\"f1\",\"versionid\":\"v1\"}"))
        .isEqualTo(Json.object());
    assertThat(strip("id", "PUT", "/dirs/d/files/f2", "{\"fileid\":\"f1\",\"versionid\":\"v1\","
        + "\"meta\":{\"fileid\":\"f1\"},\"versions\":{\"v1\":{\"versionid\":\"v1\"}}}"))
        .isEqualTo(Json.parseTrusted("{\"versionid\":\"v1\",\"meta\":{},\"versions\":{\"v1\":{\"versionid\":\"v1\"}}}"));
    assertThat(strip("id", "PUT", "/", "{\"registryid\":\"other\"}")).isEqualTo(Json.object());
    // collections keep every ID; without "id" nothing is dropped; POST creates with the given IDs
    String map = "{\"d1\":{\"dirid\":\"d1\"}}";
    assertThat(strip("id", "PATCH", "/dirs", map)).isEqualTo(Json.parseTrusted(map));
    assertThat(strip("epoch", "PUT", "/dirs/d2", "{\"dirid\":\"d1\"}")).isEqualTo(Json.parseTrusted("{\"dirid\":\"d1\"}"));
    assertThat(strip("id", "POST", "/dirs/d/files/f", "{\"fileid\":\"f\",\"versionid\":\"v\"}"))
        .isEqualTo(Json.parseTrusted("{\"fileid\":\"f\",\"versionid\":\"v\"}"));
  }

  private static ObjectNode strip(String ignore, String method, String path, String body) {
    ObjectNode caps = Capabilities.defaults();
    caps.putArray("flags").add("ignore");
    Operation operation = Operation.ofMethod(method);
    RegistryRequest request = new RegistryRequest(Target.ENTITY, operation, path, Map.of("ignore", List.of(ignore)),
        null, null, Map.of());
    return Ignore.parse(request, caps).strip((ObjectNode) Json.parseTrusted(body), EntityPath.parse(path, MODEL),
        operation);
  }
}
