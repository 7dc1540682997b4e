package dev.xreg.core.command;

import dev.xreg.core.render.ETags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * HTTP conditional request headers (RFC 9110 section 13), beyond xRegistry rc4: a
 * request's {@code If-Match} and {@code If-None-Match} entity-tags, and how they are
 * evaluated against an entity's current strong {@code ETag} (null when it does not exist).
 *
 * @param ifMatch the entity-tags of {@code If-Match} ({@code "*"} as is), empty when absent
 * @param ifNoneMatch the entity-tags of {@code If-None-Match}, empty when absent
 */
public record Preconditions(List<String> ifMatch, List<String> ifNoneMatch) {
  public static final Preconditions NONE = new Preconditions(List.of(), List.of());
  public static final String ANY = "*";

  public Preconditions {
    ifMatch = List.copyOf(ifMatch);
    ifNoneMatch = List.copyOf(ifNoneMatch);
  }

  /** From the raw header values (each may be null or a comma-separated list). */
  public static Preconditions parse(List<String> ifMatchHeaders, List<String> ifNoneMatchHeaders) {
    List<String> m = tags(ifMatchHeaders);
    List<String> n = tags(ifNoneMatchHeaders);
    return m.isEmpty() && n.isEmpty() ? NONE : new Preconditions(m, n);
  }

  public boolean isEmpty() {
    return ifMatch.isEmpty() && ifNoneMatch.isEmpty();
  }

  /**
   * RFC 9110 13.1.1: true without {@code If-Match}; {@code *} holds when the entity exists;
   * otherwise one listed tag must equal the entity's tag {@code current} by strong comparison
   * (weak tags never do). A listed tag of one of the entity's representations (gzip, YAML:
   * {@link ETags#representation}) counts as the entity's own: all of them name the same state.
   */
  public boolean ifMatchHolds(String current) {
    if (ifMatch.isEmpty()) {
      return true;
    }
    if (ifMatch.contains(ANY)) {
      return current != null;
    }
    return current != null && ifMatch.stream().anyMatch(t -> ETags.entityTag(t).equals(current));
  }

  /**
   * RFC 9110 13.1.2 for a write: true without {@code If-None-Match}; {@code *} holds when the
   * entity does not exist; otherwise no listed tag (of any representation) may equal the
   * entity's tag {@code current} by weak comparison.
   */
  public boolean ifNoneMatchHolds(String current) {
    if (ifNoneMatch.isEmpty()) {
      return true;
    }
    if (ifNoneMatch.contains(ANY)) {
      return current == null;
    }
    if (current == null) {
      return true;
    }
    String opaque = opaque(current);
    return ifNoneMatch.stream().noneMatch(t -> opaque(ETags.entityTag(t)).equals(opaque));
  }

  /**
   * RFC 9110 13.1.2 for a read: as {@link #ifNoneMatchHolds} but against the tag of the one
   * representation about to be sent ({@link ETags#representation}), never another one: a 304
   * tells the client its stored copy of exactly this representation (this coding, this media
   * type) is current. {@code *} holds never (the entity exists).
   */
  public boolean ifNoneMatchHoldsForRepresentation(String representationTag) {
    if (ifNoneMatch.isEmpty()) {
      return true;
    }
    String opaque = opaque(representationTag);
    return ifNoneMatch.stream().noneMatch(t -> t.equals(ANY) || opaque(t).equals(opaque));
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static List<String> tags(List<String> headers) {
    if (headers == null || headers.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (String h : headers) {
      if (h == null) {
        continue;
      }
      // entity-tags are quoted and cannot contain '"' so a split on commas outside quotes is exact
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (char c : h.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
        }
        if (c == ',' && !quoted) {
          add(out, cur);
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      add(out, cur);
    }
    return out;
  }

  private static void add(List<String> out, StringBuilder tag) {
    String t = tag.toString().trim();
    if (!t.isEmpty()) {
      out.add(t);
    }
  }
}
