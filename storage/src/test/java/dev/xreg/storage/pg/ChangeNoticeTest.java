package dev.xreg.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.engine.Invalidations.Changed;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 15: what a write transaction tells the other nodes, and what they read from it. */
class ChangeNoticeTest {
  @Test
  void namesTheChangedXidsAndItsOrigin() {
    ChangeNotice n = new ChangeNotice();
    assertThat(n.isEmpty()).isTrue();
    n.add("/dirs/d1/files/f1/meta");
    n.add("/dirs/d1/files/f1/versions/v1");
    n.add("/dirs/d1/files/f1/meta");
    String payload = n.payload("node-a");
    assertThat(ChangeNotice.origin(payload)).isEqualTo("node-a");
    assertThat(ChangeNotice.parse(payload))
        .isEqualTo(Changed.of(Set.of("/dirs/d1/files/f1/meta", "/dirs/d1/files/f1/versions/v1")));
    assertThat(n.changed().everything()).isFalse();
  }

  @Test
  void tooManyOrTooLongBecomesEverything() {
    ChangeNotice many = new ChangeNotice();
    many.addAll(IntStream.range(0, ChangeNotice.MAX_XIDS + 1).mapToObj(i -> "/dirs/d" + i).toList());
    assertThat(many.changed()).isEqualTo(Changed.EVERYTHING);
    assertThat(ChangeNotice.parse(many.payload("a"))).isEqualTo(Changed.EVERYTHING);

    ChangeNotice longOnes = new ChangeNotice();
    String id = "x".repeat(120);
    IntStream.range(0, 100).forEach(i -> longOnes.add("/dirs/" + id + i));
    assertThat(longOnes.changed().everything()).isFalse();
    assertThat(longOnes.payload("a").length()).isLessThan(8000);
    assertThat(ChangeNotice.parse(longOnes.payload("a"))).isEqualTo(Changed.EVERYTHING);
  }

  @Test
  void anUnreadablePayloadMeansEverything() {
    assertThat(ChangeNotice.parse("no newline")).isEqualTo(Changed.EVERYTHING);
    assertThat(ChangeNotice.parse("a\nnot an xid")).isEqualTo(Changed.EVERYTHING);
    assertThat(ChangeNotice.parse("a\n/dirs/d1")).isEqualTo(Changed.of(List.of("/dirs/d1")));
  }
}
