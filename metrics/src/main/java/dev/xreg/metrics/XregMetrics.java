package dev.xreg.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * xreg's meters on one Prometheus registry: HTTP request timers by route template and
 * status, storage operation timers, and (when Vert.x was built with {@link #vertxBuilder})
 * Vert.x pool and event-loop meters plus JVM meters. One instance per Vert.x.
 */
public final class XregMetrics {
  /** Meter names; kept stable because dashboards and alerts use them. */
  public static final String HTTP_REQUESTS = "xreg.http.requests";
  public static final String STORAGE_OPERATIONS = "xreg.storage.operations";
  /** Content stored and sent by the API modules (OCI pushes and pulls), by API and kind. */
  public static final String CONTENT_PUSHES = "xreg.content.pushes";
  public static final String CONTENT_PULLS = "xreg.content.pulls";
  public static final String CONTENT_RECEIVED = "xreg.content.received";
  public static final String CONTENT_SENT = "xreg.content.sent";
  public static final String UPLOAD_SESSIONS = "xreg.upload.sessions";
  /** Garbage collection passes (a timer: count and duration) and what they removed. */
  public static final String GC_RUNS = "xreg.gc.runs";
  public static final String GC_ITEMS = "xreg.gc.items";
  public static final String GC_FREED = "xreg.gc.freed";
  /** Audited requests (issue 19): writes and refusals, by {@code outcome}. */
  public static final String AUDIT = "xreg.audit";

  /** The xRegistry read cache (issue 15): answers from memory, from the engine, evicted entries, bytes held. */
  public static final String CACHE_HITS = "xreg.cache.hits";
  public static final String CACHE_MISSES = "xreg.cache.misses";
  public static final String CACHE_EVICTIONS = "xreg.cache.evictions";
  public static final String CACHE_BYTES = "xreg.cache.bytes";

  /** Event delivery (docs/events.md "Metrics"), each tagged with the subscription ID. */
  public static final String EVENTS_DELIVERED = "xreg.events.delivered";
  public static final String EVENTS_FAILED = "xreg.events.failed";
  public static final String EVENTS_RETRIED = "xreg.events.retried";
  public static final String EVENTS_DEAD_LETTERED = "xreg.events.deadlettered";
  public static final String EVENTS_LAG = "xreg.events.delivery.lag";
  public static final String EVENTS_PENDING = "xreg.events.pending";
  private static final String SUBSCRIPTION = "subscription";

  private static final Map<Vertx, XregMetrics> BY_VERTX = new WeakHashMap<>();
  /** The pending-events gauges' values by subscription ID (a gauge reads its number, it is not pushed). */
  private final Map<String, java.util.concurrent.atomic.AtomicLong> pendingEvents =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final PrometheusMeterRegistry registry;
  /** The HTTP request timers already registered, by their tags. */
  private final Map<HttpTimerKey, Timer> httpTimers = new java.util.concurrent.ConcurrentHashMap<>();
  /** Function meters hold what they read weakly: the suppliers live as long as this instance. */
  private final java.util.List<Object> readFrom = new java.util.concurrent.CopyOnWriteArrayList<>();

  private XregMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * A Vert.x builder whose internal metrics (HTTP server, SQL pool, event bus) and the
   * JVM meters land in the returned instance's registry; call {@link #bind} once built.
   */
  public static XregMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new XregMetrics(registry);
  }

  /** Configures {@code options} and returns a builder that reports Vert.x metrics here. */
  public VertxBuilder vertxBuilder(VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // NAMESPACE: each PostgreSQL client (pools, the notice and listener connections) names
        // its vertx_sql_* meters; without it they shared one series and only the first
        // registered gauge counted (with a warning at every start)
        .setLabels(EnumSet.of(Label.HTTP_CODE, Label.HTTP_METHOD, Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE))
        // Event-bus meters double-register gauges with several consumers; xreg times storage itself.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        // Vert.x's per-request HTTP server meters look up four meters by tags on every request
        // (a tenth of a cached GET's CPU, issue 15); xreg.http.requests counts and times them
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT);
    return Vertx.builder().with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** Makes this the instance {@link #of(Vertx)} returns for {@code vertx}. */
  public XregMetrics bind(Vertx vertx) {
    synchronized (BY_VERTX) {
      BY_VERTX.put(vertx, this);
    }
    return this;
  }

  /** The instance bound to {@code vertx}; an embedding app that bound none gets its own. */
  public static XregMetrics of(Vertx vertx) {
    synchronized (BY_VERTX) {
      return BY_VERTX.computeIfAbsent(vertx, v -> create());
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void httpRequest(String route, String method, int status, long nanos) {
    // One map lookup per request: building and registering a Timer (tags sorted, meter id
    // hashed, registry looked up) was a visible share of a cached GET's CPU (issue 15).
    httpTimers.computeIfAbsent(new HttpTimerKey(route, method, status), k -> Timer.builder(HTTP_REQUESTS)
        .description("xRegistry HTTP requests by route template, method and status")
        .tag("route", k.route()).tag("method", k.method()).tag("status", Integer.toString(k.status()))
        .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The tags of one HTTP request timer: route templates are few, so the map stays small. */
  private record HttpTimerKey(String route, String method, int status) {
  }

  public void storageOperation(String operation, long nanos, String outcome) {
    Timer.builder(STORAGE_OPERATIONS)
        .description("Storage units of work (one transaction each) by operation and outcome")
        .tag("operation", operation).tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Content stored through an API: one push of {@code kind}, {@code bytes} received. */
  public void contentPushed(String api, String kind, long bytes) {
    counter(CONTENT_PUSHES, "Content pushes by API and kind", null, "api", api, "kind", kind).increment();
    counter(CONTENT_RECEIVED, "Content bytes received by API and kind", "bytes", "api", api, "kind", kind)
        .increment(bytes);
  }

  /** Content sent through an API: one pull of {@code kind}, {@code bytes} sent. */
  public void contentPulled(String api, String kind, long bytes) {
    counter(CONTENT_PULLS, "Content pulls by API and kind", null, "api", api, "kind", kind).increment();
    counter(CONTENT_SENT, "Content bytes sent by API and kind", "bytes", "api", api, "kind", kind).increment(bytes);
  }

  /** One audited request: {@code written}, {@code failed}, {@code denied} or {@code unauthenticated}. */
  public void audited(String outcome) {
    counter(AUDIT, "Audited requests (writes and refusals) by outcome", null, "outcome", outcome).increment();
  }

  /** An upload session started, completed or was cancelled. */
  public void uploadSession(String api, String outcome) {
    counter(UPLOAD_SESSIONS, "Upload sessions by API and outcome", null, "api", api, "outcome", outcome).increment();
  }

  /** One garbage collection pass: {@code ok}, {@code skipped} (another node ran it) or {@code error}. */
  public void garbageCollection(String outcome, long nanos) {
    Timer.builder(GC_RUNS)
        .description("Garbage collection passes by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Items of one kind garbage collection removed, and the blob-store bytes that freed. */
  public void reclaimed(String item, long count, long bytes) {
    counter(GC_ITEMS, "Items garbage collection removed, by kind", null, "item", item).increment(count);
    counter(GC_FREED, "Blob-store bytes garbage collection freed, by kind", "bytes", "item", item).increment(bytes);
  }

  /**
   * Reports the read cache's counts, read when scraped (a second call for the same Vert.x keeps
   * the first). Synchronized: the HTTP verticle instances call it at once from their event loops,
   * and both could otherwise find no meter and register (Micrometer then warns and keeps one).
   */
  public synchronized void readCache(java.util.function.LongSupplier hits, java.util.function.LongSupplier misses,
      java.util.function.LongSupplier evictions, java.util.function.LongSupplier bytes) {
    if (registry.find(CACHE_HITS).functionCounter() != null) {
      return;
    }
    readFrom.addAll(java.util.List.of(hits, misses, evictions, bytes));
    io.micrometer.core.instrument.FunctionCounter.builder(CACHE_HITS, hits, h -> h.getAsLong())
        .description("xRegistry GETs answered from the node's read cache").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(CACHE_MISSES, misses, m -> m.getAsLong())
        .description("xRegistry GETs the read cache could have answered but did not hold").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(CACHE_EVICTIONS, evictions, e -> e.getAsLong())
        .description("Read cache entries removed to stay within XREG_CACHE_MAX_BYTES").register(registry);
    io.micrometer.core.instrument.Gauge.builder(CACHE_BYTES, bytes, b -> b.getAsLong())
        .description("Bytes held by the read cache (its weight)").register(registry);
  }

  /** A subscription's sink acknowledged an event, {@code lagNanos} after the event's commit. */
  public void eventDelivered(String subscription, long lagNanos) {
    counter(EVENTS_DELIVERED, "Events delivered (2xx) by subscription", null, SUBSCRIPTION, subscription).increment();
    Timer.builder(EVENTS_LAG).description("Time from an event's commit to its acknowledged delivery, by subscription")
        .tag(SUBSCRIPTION, subscription).publishPercentiles(0.5, 0.99).register(registry)
        .record(lagNanos, TimeUnit.NANOSECONDS);
  }

  /** A delivery request (or handshake) of a subscription failed. */
  public void eventFailed(String subscription) {
    counter(EVENTS_FAILED, "Failed delivery requests by subscription", null, SUBSCRIPTION, subscription).increment();
  }

  /** A subscription's failed round will be retried after its backoff. */
  public void eventRetried(String subscription) {
    counter(EVENTS_RETRIED, "Delivery retries scheduled by subscription", null, SUBSCRIPTION, subscription)
        .increment();
  }

  /** A subscription was dead-lettered. */
  public void eventDeadLettered(String subscription) {
    counter(EVENTS_DEAD_LETTERED, "Subscriptions dead-lettered, by subscription", null, SUBSCRIPTION, subscription)
        .increment();
  }

  /** The change-feed rows after a subscription's position, as last seen by this node. */
  public void eventsPending(String subscription, long rows) {
    pendingEvents.computeIfAbsent(subscription, id -> {
      java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
      io.micrometer.core.instrument.Gauge.builder(EVENTS_PENDING, value, java.util.concurrent.atomic.AtomicLong::get)
          .description("Change-feed rows not yet handled by a subscription (capped at 10000)")
          .tag(SUBSCRIPTION, id).register(registry);
      return value;
    }).set(rows);
  }

  /** Removes a deleted subscription's meters, so the labels stay bounded by the subscriptions that exist. */
  public void subscriptionRemoved(String subscription) {
    pendingEvents.remove(subscription);
    for (String name : new String[] {EVENTS_DELIVERED, EVENTS_FAILED, EVENTS_RETRIED, EVENTS_DEAD_LETTERED,
        EVENTS_LAG, EVENTS_PENDING}) {
      registry.find(name).tag(SUBSCRIPTION, subscription).meters().forEach(registry::remove);
    }
  }

  private Counter counter(String name, String description, String unit, String... tags) {
    return Counter.builder(name).description(description).baseUnit(unit).tags(tags).register(registry);
  }

  /** Serves the Prometheus text exposition format. */
  public Handler<RoutingContext> scrapeHandler() {
    return ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape());
  }
}
