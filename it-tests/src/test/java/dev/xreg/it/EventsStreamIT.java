package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20: {@code GET /-/events} streams every committed change as events.md events
 * (structured CloudEvents in SSE {@code data:}), one correlation ID per request, resumes
 * after {@code Last-Event-ID}, and keeps only the subjects under {@code ?subject=}.
 */
class EventsStreamIT {
  @RegisterExtension
  static final XregServer server = XregServer.fresh()
      .withModel("{\"groups\":{\"dirs\":{\"singular\":\"dir\",\"resources\":{\"files\":{\"singular\":\"file\"}}}}}");

  @Test
  void everyEntityOperationProducesTheDocumentedEventsWithOneCorrelationIdPerRequest() throws Exception {
    String g = server.uniquePath("/dirs/ops");
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null)) {
      assertThat(stream.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      assertThat(server.send("PUT", g + "/files/s1/versions/v1", "{}").statusCode()).isEqualTo(201);
      List<SseStream.Event> created = stream.take(4, 20);
      assertThat(types(created)).containsExactlyInAnyOrder(
          tuple("io.xregistry.registry.updated", "/"),
          tuple("io.xregistry.group.created", g),
          tuple("io.xregistry.resource.created", g + "/files/s1"),
          tuple("io.xregistry.version.created", g + "/files/s1/versions/v1"));
      assertOneInteraction(created);
      JsonNode registry = created.stream().filter(e -> e.data().path("subject").asText().equals("/")).findFirst()
          .orElseThrow().data();
      assertThat(strings(registry.path("data").path("changed"))).contains("epoch", "modifiedat", "dirs",
          "dirscount");
      assertThat(registry.path("source").asText()).as("the Registry's self").isEqualTo(server.base() + "/");
      assertThat(registry.path("specversion").asText()).isEqualTo("1.0");

      assertThat(server.send("PATCH", g, "{\"description\":\"hello\"}").statusCode()).isEqualTo(200);
      SseStream.Event updated = stream.take(1, 20).get(0);
      assertThat(updated.data().path("type").asText()).isEqualTo("io.xregistry.group.updated");
      assertThat(strings(updated.data().path("data").path("changed"))).contains("description", "epoch", "modifiedat");
      assertThat(updated.data().path("xregcorrelationid").asText())
          .isNotEqualTo(created.get(0).data().path("xregcorrelationid").asText());

      // a new Version moves the (non-sticky) default: the Resource lists the old and new default's attributes
      assertThat(server.send("PUT", g + "/files/s1/versions/v2$details", "{\"name\":\"two\"}").statusCode()).isEqualTo(201);
      List<SseStream.Event> v2 = stream.take(2, 20);
      assertThat(types(v2)).containsExactly(tuple("io.xregistry.resource.updated", g + "/files/s1"),
          tuple("io.xregistry.version.created", g + "/files/s1/versions/v2"));
      assertThat(strings(v2.get(0).data().path("data").path("changed"))).contains("meta.defaultversionid",
          "versions", "versionscount", "name", "versionid", "epoch");

      assertThat(server.send("PATCH", g + "/files/s1/meta", "{\"deprecated\":{\"alternative\":\"https://example.com/new\"}}").statusCode())
          .isEqualTo(200);
      List<SseStream.Event> deprecated = stream.take(2, 20);
      assertThat(types(deprecated)).containsExactly(tuple("io.xregistry.resource.updated", g + "/files/s1"),
          tuple("io.xregistry.resource.deprecation", g + "/files/s1"));
      assertThat(strings(deprecated.get(0).data().path("data").path("changed"))).contains("meta.deprecated",
          "meta.epoch");
      assertThat(strings(deprecated.get(1).data().path("data").path("changed"))).containsExactly("alternative");

      assertThat(server.send("DELETE", g + "/files/s1", null).statusCode()).isEqualTo(204);
      List<SseStream.Event> deleted = stream.take(4, 20);
      assertThat(types(deleted)).containsExactlyInAnyOrder(
          tuple("io.xregistry.resource.deleted", g + "/files/s1"),
          tuple("io.xregistry.version.deleted", g + "/files/s1/versions/v1"),
          tuple("io.xregistry.version.deleted", g + "/files/s1/versions/v2"),
          tuple("io.xregistry.group.updated", g));
      assertOneInteraction(deleted);
      assertThat(stream.drain(700)).as("nothing else happened").isEmpty();
    }
  }

  @Test
  void aStreamResumesAfterLastEventIdAndFiltersBySubjectPrefix() throws Exception {
    String a = server.uniquePath("/dirs/resume");
    String b = server.uniquePath("/dirs/other");
    List<SseStream.Event> seen;
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null)) {
      assertThat(server.send("PUT", a + "/files/s1/versions/v1", "{}").statusCode()).isEqualTo(201);
      seen = stream.take(4, 20);
    }
    // written while no client listened
    assertThat(server.send("PATCH", a, "{\"description\":\"later\"}").statusCode()).isEqualTo(200);
    assertThat(server.send("PUT", b, "{}").statusCode()).isEqualTo(201);

    try (SseStream resumed = SseStream.open(server.base() + "/-/events", seen.get(1).id())) {
      List<SseStream.Event> rest = resumed.take(2 + 1 + 2, 20);
      assertThat(rest.subList(0, 2)).extracting(SseStream.Event::id)
          .containsExactly(seen.get(2).id(), seen.get(3).id());
      assertThat(rest.get(2).data().path("type").asText()).isEqualTo("io.xregistry.group.updated");
      assertThat(types(rest.subList(3, 5))).containsExactlyInAnyOrder(tuple("io.xregistry.registry.updated", "/"),
          tuple("io.xregistry.group.created", b));
    }

    try (SseStream filtered = SseStream.open(server.base() + "/-/events?subject=" + a, seen.get(0).id())) {
      List<SseStream.Event> only = filtered.take(3, 20);
      assertThat(only).allMatch(e -> e.data().path("subject").asText().startsWith(a));
      assertThat(only.get(2).data().path("type").asText()).isEqualTo("io.xregistry.group.updated");
      assertThat(filtered.drain(700)).as("the other group's events are filtered out").isEmpty();
    }
  }

  @Test
  void aWriteAnswersTheCorrelationIdOfTheEventsItProduced() throws Exception {
    String g = server.uniquePath("/dirs/correlated");
    try (SseStream stream = SseStream.open(server.base() + "/-/events", null)) {
      var first = server.send("PUT", g + "/files/s1/versions/v1", "{}");
      assertThat(first.statusCode()).isEqualTo(201);
      String header = first.headers().firstValue("xRegistry-xregcorrelationid").orElse("");
      assertThat(header).as("events spec: the response carries the events' xregcorrelationid").isNotBlank();
      List<SseStream.Event> events = stream.take(4, 20);
      assertThat(events).extracting(e -> e.data().path("xregcorrelationid").asText()).containsOnly(header);

      var second = server.send("PATCH", g, "{\"description\":\"two\"}");
      String next = second.headers().firstValue("xRegistry-xregcorrelationid").orElse("");
      assertThat(next).isNotBlank().isNotEqualTo(header);
      assertThat(stream.take(1, 20).get(0).data().path("xregcorrelationid").asText()).isEqualTo(next);
    }
    assertThat(server.send("GET", g, null).headers().firstValue("xRegistry-xregcorrelationid"))
        .as("a read produces no events and names none").isEmpty();
  }

  @Test
  void aBadLastEventIdIsRefused() throws Exception {
    assertThat(server.send("GET", "/-/events", null, java.util.Map.of("Last-Event-ID", "nonsense")).statusCode())
        .isEqualTo(400);
  }

  private static List<org.assertj.core.groups.Tuple> types(List<SseStream.Event> events) {
    List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
    events.forEach(e -> out.add(tuple(e.data().path("type").asText(), e.data().path("subject").asText())));
    return out;
  }

  private static void assertOneInteraction(List<SseStream.Event> events) {
    assertThat(events).extracting(e -> e.data().path("xregcorrelationid").asText()).containsOnly(
        events.get(0).data().path("xregcorrelationid").asText());
    assertThat(events).extracting(e -> e.data().path("time").asText()).containsOnly(
        events.get(0).data().path("time").asText());
    assertThat(events).allMatch(e -> e.id().equals(e.data().path("id").asText()));
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
