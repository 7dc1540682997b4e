package dev.xreg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FixedBodyTest {
  @Test
  void bodyHasExactlyTheRequestedSizeAndIsJson() {
    for (int size : new int[] {FixedBody.MIN_SIZE, 11, 469, 1009, 65_536}) {
      byte[] body = FixedBody.of(size);
      assertThat(body).hasSize(size);
      assertThat(new JsonObject(new String(body, StandardCharsets.US_ASCII)).getString("pad"))
          .hasSize(size - FixedBody.MIN_SIZE);
    }
  }

  @Test
  void rejectsSizesBelowTheShape() {
    assertThatThrownBy(() -> FixedBody.of(FixedBody.MIN_SIZE - 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
