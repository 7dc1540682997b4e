package dev.xreg.storage.xregistry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.command.Operation;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows a GET path names, read without the model (issue 15, R1-miss). */
class ResourceAddressTest {

  @Test
  void aResourceAndAVersionPathNameTheirRows() {
    assertThat(ResourceAddress.of(get("/dirs/d1/files/f1$details")))
        .isEqualTo(new ResourceAddress("/dirs/d1/files/f1/meta", null));
    assertThat(ResourceAddress.of(get("/dirs/d1/files/f1"))).isEqualTo(new ResourceAddress("/dirs/d1/files/f1/meta", null));
    assertThat(ResourceAddress.of(get("dirs//d1/files/f1/")))
        .isEqualTo(new ResourceAddress("/dirs/d1/files/f1/meta", null));
    assertThat(ResourceAddress.of(get("/dirs/d1/files/f1/versions/v%201$details")))
        .isEqualTo(new ResourceAddress("/dirs/d1/files/f1/meta", "v 1"));
  }

  @Test
  void otherPathsNameNone() {
    for (String p : new String[] {"/", "/dirs", "/dirs/d1", "/dirs/d1/files", "/dirs/d1/files/f1/meta",
        "/dirs/d1/files/f1/versions", "/dirs/d1/files/f1/other/v1", "/dirs/d1/files/f1/versions/v1/x",
        "/dirs/d1/files/f%zz"}) {
      assertThat(ResourceAddress.of(get(p))).as(p).isNull();
    }
    assertThat(ResourceAddress.of(new RegistryRequest(Target.ENTITY, Operation.ofMethod("PUT"), "/dirs/d1/files/f1",
        Map.of(), new byte[0], "application/json", Map.of()))).as("a write").isNull();
  }

  private static RegistryRequest get(String path) {
    return new RegistryRequest(Target.of(path), Operation.ofMethod("GET"), path, Map.of(), new byte[0],
        "application/json", Map.of());
  }
}
