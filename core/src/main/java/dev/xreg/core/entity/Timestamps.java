package dev.xreg.core.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps, always written in UTC (CORE-ATTR-009). */
public final class Timestamps {
  private static final DateTimeFormatter OUT = DateTimeFormatter.ISO_INSTANT;

  private Timestamps() {
  }

  /** The single "now" of a request, at the database's microsecond precision (CORE-COM-010). */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  public static String format(Instant t) {
    return OUT.format(t.atOffset(ZoneOffset.UTC));
  }

  /** Parses an RFC 3339 date-time with an offset; returns null when it is not one. */
  public static Instant parseOrNull(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
