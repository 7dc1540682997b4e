package dev.xreg.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The settings of events and their delivery, from the {@code XREG_EVENTS_*} settings (by name, as
 * {@code Settings} read them: file, environment, system properties)
 * (docs/events.md "Configuration"). Defaults suit a single node on a laptop.
 */
public record EventsOptions(List<String> allowedSinks, int maxAttempts, long pollMillis, long deliveryTimeoutMillis,
    long firstRetryMillis, long maxRetryMillis, int concurrency, long maxAgeSeconds, long retentionSeconds,
    long trimIntervalSeconds) {

  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  /** Most outstanding delivery requests per subscription: bounds what one subscription asks of its sink. */
  static final int MAX_CONCURRENCY = 64;

  public static EventsOptions defaults() {
    return new EventsOptions(List.of(), DEFAULT_MAX_ATTEMPTS, 500, 10_000, 1_000, 300_000, 1, 86_400, 86_400, 60);
  }

  /** From {@code env}; a malformed number fails the start, naming the variable. */
  public static EventsOptions from(Map<String, String> env) {
    EventsOptions d = defaults();
    String sinks = env.getOrDefault("XREG_EVENTS_ALLOWED_SINKS", "");
    return new EventsOptions(
        Arrays.stream(sinks.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        (int) number(env, "XREG_EVENTS_MAX_ATTEMPTS", d.maxAttempts, 1),
        number(env, "XREG_EVENTS_POLL_MS", d.pollMillis, 10),
        number(env, "XREG_EVENTS_DELIVERY_TIMEOUT_MS", d.deliveryTimeoutMillis, 100),
        number(env, "XREG_EVENTS_FIRST_RETRY_MS", d.firstRetryMillis, 1),
        number(env, "XREG_EVENTS_MAX_RETRY_MS", d.maxRetryMillis, 1),
        (int) number(env, "XREG_EVENTS_CONCURRENCY", d.concurrency, 1, MAX_CONCURRENCY),
        number(env, "XREG_EVENTS_MAX_AGE_SECONDS", d.maxAgeSeconds, 1),
        number(env, "XREG_EVENTS_RETENTION_SECONDS", d.retentionSeconds, 0),
        number(env, "XREG_EVENTS_TRIM_INTERVAL_SECONDS", d.trimIntervalSeconds, 1));
  }

  private static long number(Map<String, String> env, String name, long fallback, long min) {
    return number(env, name, fallback, min, Long.MAX_VALUE);
  }

  private static long number(Map<String, String> env, String name, long fallback, long min, long max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ": " + v);
      }
      if (n > max) {
        throw new IllegalArgumentException(name + " must be at most " + max + ": " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a whole number: " + v, e);
    }
  }
}
