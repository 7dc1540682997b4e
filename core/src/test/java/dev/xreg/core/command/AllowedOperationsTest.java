package dev.xreg.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.Model;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16: one table of the methods each path supports, for OPTIONS and every 405's Allow. */
class AllowedOperationsTest {
  private final Model model = Model.parse(Json.parse((
      "{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "/model"));

  private List<String> methods(String path) {
    return AllowedOperations.methods(AllowedOperations.of(EntityPath.parse(path, model)));
  }

  @Test
  void eachLevelListsItsMethodsWithHeadAndOptions() {
    assertThat(methods("/")).containsExactly("GET", "HEAD", "PUT", "PATCH", "POST", "OPTIONS");
    assertThat(methods("/dirs")).containsExactly("GET", "HEAD", "PATCH", "POST", "DELETE", "OPTIONS");
    assertThat(methods("/dirs/d1")).containsExactly("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS");
    assertThat(methods("/dirs/d1/files/f1/meta")).containsExactly("GET", "HEAD", "PUT", "PATCH", "OPTIONS");
    assertThat(methods("/dirs/d1/files/f1/versions")).containsExactly("GET", "HEAD", "PATCH", "POST", "DELETE",
        "OPTIONS");
  }

  @Test
  void aDocumentUrlTakesNoPatchButItsDetailsUrlDoes_CORE_RES_011() {
    assertThat(methods("/dirs/d1/files/f1")).doesNotContain("PATCH").contains("PUT", "POST", "DELETE");
    assertThat(methods("/dirs/d1/files/f1$details")).contains("PATCH");
    assertThat(methods("/dirs/d1/files/f1/versions/v1")).doesNotContain("PATCH", "POST");
    assertThat(methods("/dirs/d1/files/f1/versions/v1$details")).contains("PATCH");
    XRegistryException e = AllowedOperations.detailsRequired(EntityPath.parse("/dirs/d1/files/f1", model));
    assertThat(e.type()).isEqualTo(ErrorType.DETAILS_REQUIRED);
    assertThat(e.allow()).containsExactly("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS");
  }

  @Test
  void registryApisOutsideTheTree() {
    assertThat(AllowedOperations.methods(AllowedOperations.of(Target.MODEL))).containsExactly("GET", "HEAD", "OPTIONS");
    assertThat(AllowedOperations.methods(AllowedOperations.of(Target.MODEL_SOURCE)))
        .containsExactly("GET", "HEAD", "PUT", "OPTIONS");
    assertThat(AllowedOperations.methods(AllowedOperations.of(Target.CAPABILITIES)))
        .containsExactly("GET", "HEAD", "PUT", "PATCH", "OPTIONS");
  }

  @Test
  void requireRefusesWithActionNotSupportedAndTheAllowList() {
    assertThatThrownBy(() -> AllowedOperations.require(Operation.DELETE, "/dirs/d1/files/f1/meta",
        AllowedOperations.of(EntityPath.parse("/dirs/d1/files/f1/meta", model))))
        .isInstanceOfSatisfying(XRegistryException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.ACTION_NOT_SUPPORTED);
          assertThat(e.allow()).containsExactly("GET", "HEAD", "PUT", "PATCH", "OPTIONS");
        });
  }
}
