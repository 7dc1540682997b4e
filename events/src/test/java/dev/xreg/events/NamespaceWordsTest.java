package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.core.render.ShortSelf;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: no {@code shortself} alias ({@code /-/<code>}) can be a path this module serves under
 * {@code /-/}. Every code has exactly 11 characters (8 bytes, base64url), so a word of any other
 * length can never be one; this pins both facts.
 */
class NamespaceWordsTest {
  private static final List<String> WORDS = List.of("events", "subscriptions");

  @Test
  void everyShortSelfCodeHasElevenCharactersAndNoWordOfOursHas() {
    for (String xid : List.of("/dirs/d1/files/f1", "/schemagroups/a-very-long-group-id/schemas/s",
        "/events/subscriptions/xxxxx")) {
      String alias = ShortSelf.path(xid);
      assertThat(alias).startsWith(ShortSelf.PREFIX);
      assertThat(alias.length() - ShortSelf.PREFIX.length()).isEqualTo(11);
    }
    assertThat(WORDS).allMatch(w -> w.length() != 11);
    assertThat("/-" + EventsApi.PATH.substring(2)).isEqualTo(ShortSelf.PREFIX + "events");
  }
}
