package dev.xreg.storage.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.content.RepositoryName;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of the node cache of OCI and App Registry answers (issue 15), without a server. */
class ContentCacheTest {
  private final Invalidations invalidations = new Invalidations();
  private ContentCache<String> cache;

  @BeforeEach
  void listening() {
    invalidations.notifications(true);
    cache = new ContentCache<>(1 << 20, invalidations, String::length, String::equals);
  }

  private void changed(String... repositories) {
    invalidations.committed(Changed.of(java.util.Arrays.stream(repositories)
        .map(r -> RepositoryChanges.xid(RepositoryName.parse(r))).toList()));
  }

  @Test
  void aChangeDropsItsRepositoryOnly() {
    cache.offer("a/one", "latest", "d1", cache.ticket());
    cache.offer("a/two", "latest", "d2", cache.ticket());
    changed("a/one");
    assertThat(cache.lookup("a/one", "latest")).isNull();
    assertThat(cache.lookup("a/two", "latest")).isEqualTo("d2");
  }

  @Test
  void entityChangesLeaveContentAloneAndEverythingDropsIt() {
    cache.offer("a/one", "latest", "d1", cache.ticket());
    invalidations.committed(Changed.of(List.of("/dirs/d1/files/f1")));
    assertThat(cache.lookup("a/one", "latest")).isEqualTo("d1");
    invalidations.committed(Changed.EVERYTHING);
    assertThat(cache.lookup("a/one", "latest")).isNull();
  }

  @Test
  void anAnswerReadBeforeAChangeIsNotStoredAfterIt() {
    long ticket = cache.ticket();
    changed("a/one");
    cache.offer("a/one", "latest", "old", ticket);
    assertThat(cache.lookup("a/one", "latest")).isNull();
    // nor in the rest of that generation (the key is refused), only after the next change
    cache.offer("a/one", "latest", "new", cache.ticket());
    assertThat(cache.lookup("a/one", "latest")).isNull();
    changed("b/other");
    cache.offer("a/one", "latest", "new", cache.ticket());
    assertThat(cache.lookup("a/one", "latest")).isEqualTo("new");
  }

  @Test
  void twoDifferentAnswersInOneGenerationLeaveNeither() {
    long ticket = cache.ticket();
    cache.offer("a/one", "latest", "d2", ticket);
    cache.offer("a/one", "latest", "d1", ticket);
    assertThat(cache.lookup("a/one", "latest")).isNull();
    cache.offer("a/one", "latest", "d2", ticket);
    assertThat(cache.lookup("a/one", "latest")).as("refused until the next change").isNull();
  }

  @Test
  void nothingFromMemoryWhileNotificationsAreDown() {
    cache.offer("a/one", "latest", "d1", cache.ticket());
    invalidations.notifications(false);
    assertThat(cache.lookup("a/one", "latest")).isNull();
    cache.offer("a/one", "latest", "d1", cache.ticket());
    invalidations.notifications(true);
    assertThat(cache.lookup("a/one", "latest")).isNull();
  }
}
