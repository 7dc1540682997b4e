package dev.xreg.events;

import dev.xreg.api.Caller;
import dev.xreg.api.Principals;
import dev.xreg.storage.engine.EngineClient;
import dev.xreg.storage.events.LeaseSubscriptions;
import dev.xreg.storage.events.RecordDelivery;
import dev.xreg.storage.events.ReleaseLeases;
import dev.xreg.storage.events.Subscription;
import dev.xreg.storage.feed.ChangeFeed;
import dev.xreg.storage.feed.ChangeSet;
import dev.xreg.storage.feed.CountPending;
import dev.xreg.storage.feed.ReadFeed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends subscribed events to their sinks, at least once and in commit order per subject, with at
 * most {@code XREG_EVENTS_CONCURRENCY} outstanding requests per subscription ({@link DeliveryWindow}). Each round leases due subscriptions in the database (one
 * node per subscription, {@code FOR UPDATE SKIP LOCKED}), validates a new sink with the webhook
 * handshake ({@code OPTIONS}, {@code WebHook-Request-Origin}), sends the events after the
 * subscription's durable position, and records the new position with the lease
 * released. A failed send ends the round; the subscription is retried after an exponential
 * backoff with jitter, and after {@code XREG_EVENTS_MAX_ATTEMPTS} failed attempts (or once the
 * first unsent event is older than {@code XREG_EVENTS_MAX_AGE_SECONDS}) it is dead-lettered: it stops at the event that failed, with {@code status} and {@code lasterror}
 * visible, until a {@code PUT} reactivates it. A node that dies mid-round loses its lease and
 * another resumes from the last recorded position, so only the round's events are sent twice.
 * A node stopped normally ({@link #stop}) starts no more rounds, lets the round in flight finish
 * (for at most one delivery timeout) and gives back every lease it still holds, so its
 * subscriptions move on at once instead of after the lease runs out.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final int SUBSCRIPTIONS_PER_ROUND = 16;
  private static final int TRANSACTIONS_PER_READ = 16;
  /** Bounds a round, so the lease (events x timeout) stays short enough to take over after a crash. */
  private static final int EVENTS_PER_ROUND = 20;
  /** The pending-events gauge counts at most this many change-feed rows (a bounded query per round). */
  static final int PENDING_CAP = 10_000;
  /** A backlog is counted at most this often per subscription, so a busy subscription's rounds stay cheap. */
  private static final long PENDING_EVERY_MS = 1_000;
  /** When each subscription's backlog was last counted on this node. */
  private final Map<String, Long> countedAt = new java.util.concurrent.ConcurrentHashMap<>();
  /** The HMAC of the body with the subscription's secret, for receivers to authenticate deliveries. */
  static final String SIGNATURE_HEADER = "Xreg-Signature";

  private final Vertx vertx;
  private final EngineClient engine;
  private final EventsOptions options;
  private final SinkPolicy sinks;
  private final DeliveryObserver observer;
  private final Principals principals;
  private final HttpClient http;
  private final String node = UUID.randomUUID().toString();
  private final Duration lease;
  private boolean running;
  private boolean again;
  /** A subscription of the round stopped at its round's bound with more to send: go on at once, not at the next poll. */
  private boolean backlog;
  /** Where the rounds run (set by {@link #start}); {@link #stop} runs there too, so the flags above need no locks. */
  private Context context;
  private long poll = -1;
  private MessageConsumer<Object> committed;
  private boolean stopped;
  /** Completed when the round in flight ends, once {@link #stop} waits for it. */
  private Promise<Void> roundEnded;

  Delivery(Vertx vertx, EngineClient engine, EventsOptions options, SinkPolicy sinks, DeliveryObserver observer,
      Principals principals) {
    this.vertx = vertx;
    this.principals = principals;
    this.observer = observer;
    this.engine = engine;
    this.options = options;
    this.sinks = sinks;
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.deliveryTimeoutMillis()))
        .setIdleTimeout(60), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(Math.max(SUBSCRIPTIONS_PER_ROUND, options.concurrency())));
    this.lease = Duration.ofMillis(options.deliveryTimeoutMillis() * (EVENTS_PER_ROUND + 2) + 10_000);
  }

  /** Starts the rounds: on every local commit and every poll interval. */
  void start() {
    context = vertx.getOrCreateContext();
    poll = vertx.setPeriodic(options.pollMillis(), id -> round());
    committed = vertx.eventBus().consumer(ChangeFeed.COMMITTED_ADDRESS, msg -> round());
    LOG.info("event=events_delivery_started node={}", node);
  }

  /**
   * A normal stop: no more rounds; the round in flight gets up to one delivery timeout to finish
   * and record; then every lease this node still holds is released ({@link ReleaseLeases}), so
   * another node, or this one restarted, resumes from the recorded positions at once. An event
   * of a round cut short may be sent again by the next holder (at least once). Never fails: a
   * release that cannot run leaves the leases to expire, as after a crash. Call it before the
   * storage engine closes.
   */
  Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    if (context == null) {
      return Future.succeededFuture();
    }
    context.runOnContext(v -> {
      stopped = true;
      vertx.cancelTimer(poll);
      Future<Void> unregistered = committed == null ? Future.succeededFuture() : committed.unregister();
      Promise<Void> ended = Promise.promise();
      if (running) {
        roundEnded = ended;
        long guard = vertx.setTimer(options.deliveryTimeoutMillis(), id -> {
          if (ended.tryComplete()) {
            LOG.warn("event=events_stop_round_cut node={} waited_ms={}", node, options.deliveryTimeoutMillis());
          }
        });
        ended.future().onComplete(x -> vertx.cancelTimer(guard));
      } else {
        ended.complete();
      }
      Future.join(unregistered, ended.future())
          .transform(x -> engine.send(new ReleaseLeases(node)))
          .onSuccess(n -> LOG.info("event=events_delivery_stopped node={} leases_released={}", node, n))
          .onFailure(err -> LOG.warn("event=events_lease_release_failed node={} cause={}", node, err.toString()))
          .transform(x -> http.close())
          .onComplete(x -> done.complete());
    });
    return done.future();
  }

  /** Lets the next deployment on this Vert.x start a delivery (one per node, see {@link SubscriptionsApi}). */
  void forget() {
    vertx.sharedData().getLocalMap(SubscriptionsApi.DELIVERY_MAP).remove(SubscriptionsApi.DELIVERY_KEY);
  }

  private void round() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    backlog = false;
    engine.send(new LeaseSubscriptions(node, SUBSCRIPTIONS_PER_ROUND, lease))
        .compose(subs -> Future.join(subs.stream().map(this::deliver).toList()))
        .onFailure(err -> LOG.warn("event=events_round_failed cause={}", err.toString()))
        .onComplete(ar -> {
          running = false;
          if (roundEnded != null) {
            roundEnded.tryComplete();
          }
          if (again || backlog) {
            round();
          }
        });
  }

  /** One subscription's round: its next events, a handshake if the sink is new, the events, then the record. */
  private Future<Void> deliver(Subscription s) {
    // the owner's permissions as the policy says now, once per round (issues 19, 20)
    return principals.caller(s.owner() == null ? null : new JsonObject(s.owner()))
        .compose(owner -> deliver(s, owner));
  }

  private Future<Void> deliver(Subscription s, Caller owner) {
    SubscriptionDefinition def = SubscriptionDefinition.stored(s.definition());
    Progress p = new Progress(s);
    return engine.send(new ReadFeed(p.readAfter(), TRANSACTIONS_PER_READ))
        .compose(sets -> {
          p.pending = pending(def, p, sets);
          return sinks.check(def.sink()).compose(v -> s.validated() ? Future.succeededFuture()
              : handshake(def).onSuccess(x -> p.validated = true).onFailure(x -> observer.failed(s.id())));
        })
        .compose(v -> DeliveryWindow.send(p.pending, e -> e.event == null ? null : e.event.subject(),
            e -> !selected(e, def, owner) ? null
                : post(def, e.event, e.json)
                .onSuccess(x -> observer.delivered(s.id(), lagNanos(e.event)))
                .onFailure(x -> observer.failed(s.id())),
            options.concurrency()))
        .transform(ar -> {
          Throwable failure = ar.failed() ? ar.cause() : ar.result().failure();
          int handled = ar.failed() ? 0 : ar.result().handled();
          if (ar.succeeded()) {
            p.delivered = ar.result().sent();
          }
          p.advance(handled, e -> selected(e, def, owner));
          return record(s, p, failure);
        });
  }

  /** Whether the subscription receives {@code e}: its filters select it and its owner may read what it is about. */
  private static boolean selected(Pending e, SubscriptionDefinition def, Caller owner) {
    return e.json != null && def.matches(e.json) && EventVisibility.visible(e.event, owner);
  }

  /** The events of {@code sets} after the subscription's position, up to a round's worth. */
  private static List<Pending> pending(SubscriptionDefinition def, Progress p, List<ChangeSet> sets) {
    List<Pending> out = new ArrayList<>();
    for (ChangeSet set : sets) {
      List<XRegistryEvent> events = EntityEvents.of(set, def.registry());
      for (int i = 0; i < events.size(); i++) {
        if (set.tx().equals(p.tx) && i <= p.index) {
          continue;
        }
        out.add(new Pending(set.tx(), i, i == events.size() - 1, events.get(i)));
      }
      if (events.isEmpty()) {
        out.add(new Pending(set.tx(), Subscription.WHOLE_TRANSACTION, true, null));
      }
      if (out.size() >= EVENTS_PER_ROUND) {
        break;
      }
    }
    p.more = !sets.isEmpty() && (sets.size() == TRANSACTIONS_PER_READ || out.size() >= EVENTS_PER_ROUND);
    return out.size() > EVENTS_PER_ROUND ? out.subList(0, EVENTS_PER_ROUND) : out;
  }

  private Future<Void> post(SubscriptionDefinition def, XRegistryEvent event, JsonObject json) {
    RequestOptions req = new RequestOptions().setAbsoluteURI(def.sink().toString())
        .setMethod(HttpMethod.valueOf(def.method())).setTimeout(options.deliveryTimeoutMillis())
        .putHeader("WebHook-Request-Origin", origin(def));
    def.headers().forEach(req::putHeader);
    Buffer body;
    if (def.binary()) {
      // HTTP binding 3.1: attributes as ce- headers, data as the body
      for (Map.Entry<String, Object> a : json) {
        if (!a.getKey().equals("data") && !a.getKey().equals("datacontenttype")) {
          req.putHeader("ce-" + a.getKey(), String.valueOf(a.getValue()));
        }
      }
      JsonObject data = event.data();
      body = data == null ? Buffer.buffer() : data.toBuffer();
      if (data != null) {
        req.putHeader("Content-Type", "application/json");
      }
    } else {
      req.putHeader("Content-Type", "application/cloudevents+json; charset=utf-8");
      body = json.toBuffer();
    }
    if (def.secret() != null) {
      req.putHeader(SIGNATURE_HEADER, EventSignature.of(def.secret(), body.getBytes()));
    }
    return http.request(req).compose(r -> r.send(body)).compose(resp -> resp.body().compose(b ->
        resp.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
            : Future.failedFuture("the sink answered " + resp.statusCode() + " to event " + event.id())));
  }

  /** Webhook spec 4.1/4.2: the sink must answer OPTIONS with our origin (or *) in WebHook-Allowed-Origin. */
  private Future<Void> handshake(SubscriptionDefinition def) {
    String origin = origin(def);
    RequestOptions req = new RequestOptions().setAbsoluteURI(def.sink().toString()).setMethod(HttpMethod.OPTIONS)
        .setTimeout(options.deliveryTimeoutMillis()).putHeader("WebHook-Request-Origin", origin);
    def.headers().forEach(req::putHeader);
    return http.request(req).compose(r -> r.send()).compose(resp -> resp.body().compose(b -> {
      String allowed = resp.getHeader("WebHook-Allowed-Origin");
      return origin.equals(allowed) || "*".equals(allowed) ? Future.<Void>succeededFuture()
          : Future.failedFuture("the sink did not allow delivery: its OPTIONS answer (" + resp.statusCode()
              + ") has no WebHook-Allowed-Origin for " + origin);
    }));
  }

  private static String origin(SubscriptionDefinition def) {
    String host = URI.create(def.registry()).getHost();
    return host == null ? "xreg" : host;
  }

  private Future<Void> record(Subscription s, Progress p, Throwable failure) {
    int attempts;
    String status = Subscription.ACTIVE;
    String error = s.lastError();
    Instant next;
    if (failure == null) {
      attempts = 0;
      error = null;
      backlog |= p.more;
      next = p.more ? Instant.now() : Instant.now().plusMillis(options.pollMillis());
    } else {
      attempts = s.attempts() + 1;
      error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
      next = Instant.now().plusMillis(backoff(options, attempts));
      if (p.stuck != null && tooOld(p.stuck.event, Instant.now())) {
        status = Subscription.DEAD_LETTER;
        error = "event " + p.stuck.event.id() + " was not delivered within XREG_EVENTS_MAX_AGE_SECONDS ("
            + options.maxAgeSeconds() + " s): " + error;
        LOG.warn("event=events_dead_letter subscription={} attempts={} reason=max_age cause={}", s.id(), attempts,
            error);
      } else if (attempts >= options.maxAttempts()) {
        status = Subscription.DEAD_LETTER;
        LOG.warn("event=events_dead_letter subscription={} attempts={} cause={}", s.id(), attempts, error);
      } else {
        LOG.info("event=events_retry subscription={} attempt={} cause={}", s.id(), attempts, error);
      }
      if (status.equals(Subscription.DEAD_LETTER)) {
        observer.deadLettered(s.id());
      } else {
        observer.retried(s.id());
      }
    }
    return engine.send(new RecordDelivery(s.id(), node, p.tx, p.index, attempts, next, status, error, p.validated,
        p.delivered)).compose(held -> {
          if (!held) {
            LOG.warn("event=events_lease_lost subscription={}", s.id());
            return Future.<Void>succeededFuture();
          }
          return pending(s.id(), p);
        });
  }

  /** Reports the backlog after the recorded position: none without a query when the round had seen the end. */
  private Future<Void> pending(String id, Progress p) {
    if (!p.more && p.stuck == null) {
      observer.pending(id, 0);
      return Future.succeededFuture();
    }
    long now = System.currentTimeMillis();
    Long last = countedAt.get(id);
    if (last != null && now - last < PENDING_EVERY_MS) {
      return Future.succeededFuture();
    }
    countedAt.put(id, now);
    return engine.send(new CountPending(p.index == Subscription.WHOLE_TRANSACTION ? p.tx : p.readAfter(),
        PENDING_CAP)).onSuccess(n -> observer.pending(id, n)).<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  private static long lagNanos(XRegistryEvent event) {
    return Math.max(0, Duration.between(event.time(), Instant.now()).toNanos());
  }

  /** An event older than the maximum retry age is dead-lettered on its next failure, whatever the attempts left. */
  private boolean tooOld(XRegistryEvent event, Instant now) {
    return event.time().plusSeconds(options.maxAgeSeconds()).isBefore(now);
  }

  /** Exponential from the first retry delay, capped, with "equal jitter" (half fixed, half random). */
  static long backoff(EventsOptions options, int attempts) {
    long base = options.firstRetryMillis() << Math.min(30, attempts - 1);
    long capped = base <= 0 ? options.maxRetryMillis() : Math.min(options.maxRetryMillis(), base); // <= 0: overflow
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  /** An event of a round at its feed position ({@code event} null: a transaction without events). */
  private record Pending(String tx, int index, boolean last, XRegistryEvent event, JsonObject json) {
    Pending(String tx, int index, boolean last, XRegistryEvent event) {
      this(tx, index, last, event, event == null ? null : event.toJson());
    }
  }

  /** Where a round got to: the last event handled and what it delivered. */
  private static final class Progress {
    String tx;
    int index;
    boolean validated;
    boolean more;
    long delivered;
    List<Pending> pending = List.of();
    /** The first event of the round that still has to be sent, if the round ended early; null if none. */
    Pending stuck;

    Progress(Subscription s) {
      tx = s.afterTx();
      index = s.afterIndex();
      validated = s.validated();
    }

    /** Moves the position over the first {@code handled} pending events; notes the first one left to send. */
    void advance(int handled, java.util.function.Predicate<Pending> selected) {
      if (handled > 0) {
        Pending last = pending.get(handled - 1);
        tx = last.tx;
        index = last.last ? Subscription.WHOLE_TRANSACTION : last.index;
      }
      stuck = pending.stream().skip(handled).filter(e -> e.event != null && selected.test(e)).findFirst().orElse(null);
    }

    String readAfter() {
      return index == Subscription.WHOLE_TRANSACTION ? tx : Long.toString(Math.max(0, Long.parseLong(tx) - 1));
    }
  }
}
