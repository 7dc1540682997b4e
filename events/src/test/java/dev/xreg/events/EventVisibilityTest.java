package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.api.Access;
import dev.xreg.api.Caller;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An event is about what its subject names, in its API's terms (issues 19, 20). */
class EventVisibilityTest {

  private static XRegistryEvent event(String type, String subject) {
    return new XRegistryEvent(type, "http://x/", subject, "1", Instant.EPOCH, "c", null);
  }

  @Test
  void xregistryEventsAreAboutTheirEntityPathAndModelEventsAboutTheModel() {
    assertThat(EventVisibility.about(event("io.xregistry.resource.created", "/dirs/d/files/f")))
        .isEqualTo(Access.registry("/dirs/d/files/f", Access.Action.READ));
    assertThat(EventVisibility.about(event("io.xregistry.model.updated", null)))
        .isEqualTo(Access.registry("/model", Access.Action.READ));
  }

  @Test
  void ociEventsAreAboutTheirRepositoryAndCnrEventsAboutTheirNamespace() {
    assertThat(EventVisibility.about(event("io.xreg.oci.tag.pushed", "team/app:v1")))
        .isEqualTo(Access.repository("team/app", Access.Action.READ));
    assertThat(EventVisibility.about(event("io.xreg.oci.manifest.pushed", "team/app@sha256:abc")))
        .isEqualTo(Access.repository("team/app", Access.Action.READ));
    assertThat(EventVisibility.about(event("io.xreg.cnr.release.pushed", "team/chart:1.0.0")))
        .isEqualTo(Access.namespace("team", Access.Action.READ));
    assertThat(EventVisibility.about(event("io.xreg.cnr.channel.moved", "team/chart/channels/stable")))
        .isEqualTo(Access.namespace("team", Access.Action.READ));
  }

  @Test
  void aReaderSeesWhatItMayRead() {
    Caller payments = new Caller("carol", Set.of(), true,
        a -> a.kind() == Access.Kind.REGISTRY && a.name().startsWith("/dirs/payments"));
    assertThat(EventVisibility.visible(event("io.xregistry.resource.created", "/dirs/payments/files/f"), payments))
        .isTrue();
    assertThat(EventVisibility.visible(event("io.xregistry.resource.created", "/dirs/other/files/f"), payments))
        .isFalse();
    assertThat(EventVisibility.visible(event("io.xreg.oci.tag.pushed", "payments/app:v1"), payments)).isFalse();
    assertThat(EventVisibility.visible(event("io.xreg.oci.tag.pushed", "payments/app:v1"), Caller.OPEN)).isTrue();
  }
}
