package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.model.Model;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 15: the registry row plain reads share, and when they must load it again. */
class RegistryRowCacheTest {
  private final Invalidations invalidations = new Invalidations();
  private RegistryRowCache cache;

  @BeforeEach
  void listening() {
    cache = new RegistryRowCache(invalidations);
    invalidations.notifications(true);
  }

  private static RegistryState row(long epoch) {
    return new RegistryState("xreg", epoch, Instant.EPOCH, Instant.EPOCH,
        JsonNodeFactory.instance.objectNode().put("name", "r" + epoch), Model.empty(),
        JsonNodeFactory.instance.objectNode());
  }

  @Test
  void aLoadedRowIsSharedAsCopies() {
    cache.offer(row(1), cache.ticket());
    RegistryState first = cache.current();
    assertThat(first.epoch()).isEqualTo(1);
    first.attributes().put("name", "changed by a caller");
    assertThat(cache.current().attributes().path("name").asText()).isEqualTo("r1");
  }

  @Test
  void aRegistryChangeDropsItAndOtherChangesDoNot() {
    cache.offer(row(1), cache.ticket());
    invalidations.committed(Changed.of(Set.of("/dirs/d1")));
    assertThat(cache.current()).isNotNull();
    invalidations.committed(Changed.of(Set.of("/dirs/d1", "/")));
    assertThat(cache.current()).isNull();
    cache.offer(row(2), cache.ticket());
    invalidations.committed(Changed.EVERYTHING);
    assertThat(cache.current()).isNull();
  }

  @Test
  void aLoadThatStartedBeforeAChangeIsNotKept() {
    long ticket = cache.ticket();
    invalidations.committed(Changed.of(Set.of("/")));
    cache.offer(row(1), ticket);
    assertThat(cache.current()).isNull();
  }

  @Test
  void aLowerEpochNeverReplacesAHigherOne() {
    long ticket = cache.ticket();
    cache.offer(row(3), ticket);
    cache.offer(row(2), ticket);
    assertThat(cache.current().epoch()).isEqualTo(3);
  }

  @Test
  void unusedWhileNotificationsAreDown() {
    cache.offer(row(1), cache.ticket());
    invalidations.notifications(false);
    assertThat(cache.current()).isNull();
    cache.offer(row(1), cache.ticket());
    invalidations.notifications(true);
    assertThat(cache.current()).isNull();
  }
}
