package dev.xreg.storage.engine;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the engine says what changed, for in-JVM caches of what it answered (issue 15): the
 * store calls {@link #committed} synchronously after a write transaction commits and before the
 * engine replies, so a cache that listens has dropped every answer the write made old before the
 * writer learns its write succeeded (read-your-writes on one node). Changes other nodes committed
 * arrive the same way from PostgreSQL {@code LISTEN} ({@code pg.ChangeNotifications}), which also
 * says whether it is connected: while it is not, a cache cannot know what other nodes change and
 * must not answer from memory ({@link #notificationsUp()}).
 *
 * <p>One instance per Vert.x (the engine and the HTTP verticles share the JVM and the event bus).
 */
public final class Invalidations {
  private static final Map<Vertx, Invalidations> BY_VERTX = new WeakHashMap<>();

  /** A cache of engine answers. Called on the thread that committed or was notified; must not block. */
  public interface Listener {
    void invalidate(Changed changed);
  }

  /**
   * What a transaction changed: the xids of the entities it wrote (the registry is {@code "/"}),
   * or everything (a change whose extent is not known: a notification too large to carry its
   * xids, a write of another API's tables, a lost or restored notification connection).
   */
  public record Changed(Set<String> xids, boolean everything) {
    public static final Changed EVERYTHING = new Changed(Set.of(), true);

    public Changed {
      xids = Set.copyOf(xids);
    }

    public static Changed of(java.util.Collection<String> xids) {
      return new Changed(Set.copyOf(xids), false);
    }
  }

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  /** Names this node in its own notifications, which it has already applied when it committed. */
  private final String origin = java.util.UUID.randomUUID().toString();
  private volatile boolean notificationsUp;

  /** A hook of its own (tests); the server's engine and caches share {@link #of}. */
  public Invalidations() {
  }

  public static Invalidations of(Vertx vertx) {
    synchronized (BY_VERTX) {
      return BY_VERTX.computeIfAbsent(vertx, v -> new Invalidations());
    }
  }

  /** This node's name in the notifications it sends. */
  public String origin() {
    return origin;
  }

  public void register(Listener listener) {
    listeners.add(listener);
  }

  public void unregister(Listener listener) {
    listeners.remove(listener);
  }

  /** A transaction of this node or another committed {@code changed}; tells every listener before returning. */
  public void committed(Changed changed) {
    for (Listener l : listeners) {
      l.invalidate(changed);
    }
  }

  /**
   * The notification connection went down ({@code up == false}: listeners drop everything,
   * and the flag is cleared first so nothing is answered from memory meanwhile) or is listening
   * again (everything dropped once more, since changes in between were missed, then the flag set).
   */
  public void notifications(boolean up) {
    if (!up) {
      notificationsUp = false;
      committed(Changed.EVERYTHING);
    } else {
      committed(Changed.EVERYTHING);
      notificationsUp = true;
    }
  }

  /** True while changes of other nodes are being heard; a cache answers from memory only then. */
  public boolean notificationsUp() {
    return notificationsUp;
  }
}
