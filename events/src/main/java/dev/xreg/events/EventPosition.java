package dev.xreg.events;

/**
 * Where an event sits in the change feed: the position of its transaction and its index among
 * that transaction's events, written {@code <tx>-<index>}. It is the CloudEvents {@code id} and
 * the SSE {@code id:}, so a client's {@code Last-Event-ID} says exactly where to resume.
 */
public record EventPosition(long tx, int index) {

  public static String format(String tx, int index) {
    return tx + "-" + index;
  }

  /** The position in {@code id}, or null if {@code id} is not one. */
  public static EventPosition parse(String id) {
    if (id == null) {
      return null;
    }
    int dash = id.indexOf('-');
    try {
      long tx = Long.parseLong(dash < 0 ? id.trim() : id.substring(0, dash).trim());
      int index = dash < 0 ? Integer.MAX_VALUE : Integer.parseInt(id.substring(dash + 1).trim());
      return tx < 0 || index < 0 ? null : new EventPosition(tx, index);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The feed position to read after so that this event's transaction is read again. */
  public String readAfter() {
    return Long.toString(Math.max(0, tx - 1));
  }
}
