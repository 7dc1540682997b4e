package dev.xreg.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client for tests: each event's {@code id:} and its {@code data:} parsed as JSON. */
final class SseStream implements AutoCloseable {
  record Event(String id, JsonNode data) {
  }

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final HttpResponse<Stream<String>> response;
  private final CompletableFuture<Void> reader;

  private SseStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = CompletableFuture.runAsync(this::read);
  }

  static SseStream open(String url, String lastEventId) throws Exception {
    return open(url, lastEventId, java.util.Map.of());
  }

  /** With extra request {@code headers} (credentials). */
  static SseStream open(String url, String lastEventId, java.util.Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
    headers.forEach(b::header);
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
    }
    return new SseStream(r);
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  private void read() {
    String id = null;
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, XregServer.JSON.readTree(data.toString())));
          }
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (Exception closed) {
      // the test closed the stream
    }
  }

  /** The next {@code n} events, failing if they do not all arrive within {@code seconds}. */
  List<Event> take(int n, long seconds) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (out.size() < n) {
      Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("only " + out.size() + " of " + n + " events within " + seconds + "s: " + out);
      }
      out.add(e);
    }
    return out;
  }

  /** The events that arrive within {@code millis}. */
  List<Event> drain(long millis) throws InterruptedException {
    Thread.sleep(millis);
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    response.body().close();
    reader.cancel(true);
  }

  static Duration timeout() {
    return Duration.ofSeconds(20);
  }
}
