package dev.xreg.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generation rules both node caches share (issue 15; README "Caching", consistency guarantees). */
class CacheGenerationsTest {
  private final Invalidations invalidations = new Invalidations();
  private final CacheGenerations<String> generations = new CacheGenerations<>(invalidations);
  private final List<String> stored = new ArrayList<>();

  @BeforeEach
  void listening() {
    invalidations.notifications(true); // as once the node LISTENs; a new hook starts deaf
  }

  @Test
  void anAnswerReadInTheCurrentGenerationIsStored() {
    generations.offer("k", generations.ticket(), () -> stored.add("k"));

    assertThat(stored).containsExactly("k");
    assertThat(generations.isRefused("k")).isFalse();
  }

  @Test
  void anAnswerReadBeforeAChangeIsNeverStoredAndItsKeyIsRefusedUntilTheNextChange() {
    long before = generations.ticket();
    long g = generations.next();

    generations.offer("k", before, () -> stored.add("k"));

    assertThat(g).isGreaterThan(before);
    assertThat(stored).isEmpty();
    assertThat(generations.isRefused("k")).isTrue();
    generations.next();
    assertThat(generations.isRefused("k")).isFalse();
  }

  @Test
  void nothingIsStoredWhileOtherNodesChangesCannotBeHeard() {
    invalidations.notifications(false);
    generations.offer("k", generations.ticket(), () -> stored.add("k"));
    assertThat(stored).isEmpty();

    invalidations.notifications(true);
    generations.offer("k", generations.ticket(), () -> stored.add("k"));
    assertThat(stored).containsExactly("k");
  }

  @Test
  void tooManyRefusedKeysCloseTheGenerationUntilTheNextOne() {
    for (int i = 0; i <= CacheGenerations.MAX_REFUSED; i++) {
      generations.refuse("k" + i);
    }
    generations.offer("other", generations.ticket(), () -> stored.add("other"));
    assertThat(stored).isEmpty();

    generations.next();
    generations.offer("other", generations.ticket(), () -> stored.add("other"));
    assertThat(stored).containsExactly("other");
  }
}
