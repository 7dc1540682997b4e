package dev.xreg.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * A filter expression of the CloudEvents Subscriptions API (3.2.4.1.1, the six REQUIRED
 * dialects): {@code exact}, {@code prefix}, {@code suffix} over context attributes, and
 * {@code all}, {@code any}, {@code not} over nested expressions. Evaluated on an event's
 * structured JSON form; an attribute the event lacks matches nothing.
 */
@FunctionalInterface
public interface EventFilter {

  boolean test(JsonObject event);

  /** The filters of a subscription's {@code filters} array: all must hold (none: every event). */
  static EventFilter allOf(JsonArray filters) throws InvalidSubscription {
    List<EventFilter> parts = new ArrayList<>();
    for (Object f : filters) {
      parts.add(parse(f));
    }
    return e -> parts.stream().allMatch(p -> p.test(e));
  }

  /** One expression {@code {"<dialect>": ...}}; refuses unknown dialects and malformed operands. */
  static EventFilter parse(Object json) throws InvalidSubscription {
    if (!(json instanceof JsonObject o) || o.size() != 1) {
      throw new InvalidSubscription("a filter is an object with exactly one dialect, e.g. {\"exact\":{\"type\":\"...\"}}");
    }
    String dialect = o.fieldNames().iterator().next();
    Object operand = o.getValue(dialect);
    return switch (dialect) {
      case "exact" -> attributes(dialect, operand, String::equals);
      case "prefix" -> attributes(dialect, operand, String::startsWith);
      case "suffix" -> attributes(dialect, operand, String::endsWith);
      case "all", "any" -> {
        if (!(operand instanceof JsonArray nested) || nested.isEmpty()) {
          throw new InvalidSubscription("\"" + dialect + "\" needs a non-empty array of filters");
        }
        List<EventFilter> parts = new ArrayList<>();
        for (Object f : nested) {
          parts.add(parse(f));
        }
        yield dialect.equals("all") ? e -> parts.stream().allMatch(p -> p.test(e))
            : e -> parts.stream().anyMatch(p -> p.test(e));
      }
      case "not" -> {
        EventFilter inner = parse(operand);
        yield e -> !inner.test(e);
      }
      default -> throw new InvalidSubscription("unsupported filter dialect \"" + dialect
          + "\"; supported: exact, prefix, suffix, all, any, not");
    };
  }

  private static EventFilter attributes(String dialect, Object operand, BiPredicate<String, String> match)
      throws InvalidSubscription {
    if (!(operand instanceof JsonObject attrs) || attrs.isEmpty()) {
      throw new InvalidSubscription("\"" + dialect + "\" needs an object of attribute names and values");
    }
    for (Map.Entry<String, Object> a : attrs) {
      if (a.getKey().isEmpty() || !(a.getValue() instanceof String v) || v.isEmpty()) {
        throw new InvalidSubscription("\"" + dialect + "\" attribute names and values are non-empty strings");
      }
    }
    return e -> {
      for (Map.Entry<String, Object> a : attrs) {
        Object actual = e.getValue(a.getKey());
        if (actual == null || !match.test(String.valueOf(actual), (String) a.getValue())) {
          return false;
        }
      }
      return true;
    };
  }
}
