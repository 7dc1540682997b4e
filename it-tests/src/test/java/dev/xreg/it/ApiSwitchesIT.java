package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: {@code XREG_OCI_ENABLED=false} and {@code XREG_CNR_ENABLED=false} switch those
 * APIs off; their paths are then ordinary (missing) entities of the xRegistry tree.
 */
class ApiSwitchesIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh().env("XREG_OCI_ENABLED", "false")
      .env("XREG_CNR_ENABLED", "false");

  @Test
  void theirPathsAreLeftToTheXRegistryTree() throws Exception {
    for (String path : new String[] {"/v2/", "/cnr/version"}) {
      HttpResponse<String> r = server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).isEmpty();
      assertThat(XregServer.JSON.readTree(r.body()).path("type").asText()).as(path).contains("not_found");
    }
  }
}
