package dev.xreg.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * XREG_EVENTS_CONCURRENCY: at most N outstanding requests, never two of one subject, a subject's
 * events in order, and the position moves only over the prefix handled without a gap.
 */
class DeliveryWindowTest {

  /** An event "subject:n"; a null request for subjects starting with "skip". */
  private final Map<String, Promise<Void>> outstanding = new LinkedHashMap<>();
  private final List<String> startOrder = new ArrayList<>();
  private int most;

  private Future<DeliveryWindow.Outcome> run(int limit, String... events) {
    return DeliveryWindow.send(List.of(events), e -> e.split(":")[0], e -> {
      if (e.startsWith("skip")) {
        return null;
      }
      Promise<Void> p = Promise.promise();
      outstanding.put(e, p);
      startOrder.add(e);
      most = Math.max(most, (int) outstanding.values().stream().filter(x -> !x.future().isComplete()).count());
      return p.future();
    }, limit);
  }

  private void answer(String event, boolean ok) {
    Promise<Void> p = outstanding.get(event);
    if (ok) {
      p.complete();
    } else {
      p.fail("sink answered 500 to " + event);
    }
  }

  private List<String> open() {
    return outstanding.entrySet().stream().filter(e -> !e.getValue().future().isComplete()).map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void neverMoreThanTheLimitOutstanding() {
    Future<DeliveryWindow.Outcome> out = run(3, "a:1", "b:1", "c:1", "d:1", "e:1", "f:1");
    assertThat(open()).containsExactly("a:1", "b:1", "c:1");
    answer("b:1", true);
    assertThat(open()).containsExactly("a:1", "c:1", "d:1");
    List.of("a:1", "c:1", "d:1").forEach(e -> answer(e, true));
    assertThat(open()).containsExactly("e:1", "f:1");
    answer("f:1", true);
    assertThat(out.isComplete()).isFalse();
    answer("e:1", true);
    assertThat(out.result()).isEqualTo(new DeliveryWindow.Outcome(6, 6, null));
    assertThat(most).isEqualTo(3);
  }

  @Test
  void eventsOfOneSubjectAreNeverInFlightTogetherAndKeepTheirOrder() {
    Future<DeliveryWindow.Outcome> out = run(3, "a:1", "a:2", "b:1", "a:3", "c:1");
    assertThat(open()).as("a:2 waits for a:1; c:1 may pass it").containsExactly("a:1", "b:1", "c:1");
    answer("a:1", true);
    assertThat(open()).containsExactly("b:1", "c:1", "a:2");
    answer("a:2", true);
    assertThat(open()).containsExactly("b:1", "c:1", "a:3");
    List.of("b:1", "c:1", "a:3").forEach(e -> answer(e, true));
    assertThat(startOrder.stream().filter(e -> e.startsWith("a")).toList()).containsExactly("a:1", "a:2", "a:3");
    assertThat(out.result().handled()).isEqualTo(5);
  }

  @Test
  void aFailureStopsSendingAndThePositionStopsBeforeTheGap() {
    Future<DeliveryWindow.Outcome> out = run(2, "a:1", "b:1", "c:1", "d:1");
    answer("b:1", true);
    assertThat(open()).containsExactly("a:1", "c:1");
    answer("a:1", false);
    assertThat(out.isComplete()).as("the outstanding c:1 finishes first").isFalse();
    assertThat(open()).as("nothing new starts after a failure").containsExactly("c:1");
    answer("c:1", true);
    DeliveryWindow.Outcome o = out.result();
    assertThat(o.handled()).as("b:1 and c:1 arrived but lie after the gap").isZero();
    assertThat(o.sent()).isEqualTo(2);
    assertThat(o.failure()).hasMessageContaining("a:1");
    assertThat(startOrder).doesNotContain("d:1");
  }

  @Test
  void eventsThatNeedNoRequestAreHandledAtOnceWithoutBlockingTheirSubject() {
    Future<DeliveryWindow.Outcome> out = run(1, "skip:1", "skip:2", "a:1");
    assertThat(open()).containsExactly("a:1");
    answer("a:1", true);
    assertThat(out.result()).isEqualTo(new DeliveryWindow.Outcome(3, 1, null));
    assertThat(run(2).result()).isEqualTo(new DeliveryWindow.Outcome(0, 0, null));
  }
}
