package dev.xreg.storage.pg;

import dev.xreg.core.entity.RegistryState;
import dev.xreg.storage.engine.Invalidations;
import dev.xreg.storage.engine.Invalidations.Changed;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry row (attributes, model source, capabilities) as plain reads last loaded it
 * (issue 15): every request needs it, it changes rarely, and a read saves a round trip by not
 * loading it again. Dropped on any change to {@code /} (or to everything) that
 * {@link Invalidations} reports, from this node before the write is answered or from another
 * through {@code LISTEN}; not used while that connection is down. Writes always load the row
 * in their transaction.
 *
 * <p>As in the xRegistry read cache, a load is kept only if no change arrived since it began
 * (its ticket), and within one generation a lower epoch never replaces a higher one, so this
 * node does not go back to an older registry it already used.
 */
final class RegistryRowCache implements Invalidations.Listener {
  private final Invalidations invalidations;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicReference<Entry> entry = new AtomicReference<>();

  private record Entry(RegistryState state, long generation) {
  }

  RegistryRowCache(Invalidations invalidations) {
    this.invalidations = invalidations;
    invalidations.register(this);
  }

  long ticket() {
    return generation.get();
  }

  /** The row to use, or null: load it. Callers get their own copy of its JSON (it is mutable). */
  RegistryState current() {
    Entry e = entry.get();
    if (e == null || e.generation != generation.get() || !invalidations.notificationsUp()) {
      return null;
    }
    return copy(e.state);
  }

  /** Keeps {@code loaded}, loaded from {@code ticket} on, unless a change came in since. */
  void offer(RegistryState loaded, long ticket) {
    while (true) {
      Entry old = entry.get();
      if (generation.get() != ticket || !invalidations.notificationsUp()) {
        return;
      }
      if (old != null && old.generation == ticket && old.state.epoch() > loaded.epoch()) {
        return;
      }
      if (entry.compareAndSet(old, new Entry(copy(loaded), ticket))) {
        return;
      }
    }
  }

  @Override
  public void invalidate(Changed changed) {
    if (changed.everything() || changed.xids().contains("/")) {
      generation.incrementAndGet();
      entry.set(null);
    }
  }

  private static RegistryState copy(RegistryState s) {
    return new RegistryState(s.registryid(), s.epoch(), s.createdat(), s.modifiedat(), s.attributes().deepCopy(),
        s.model(), s.capabilities().deepCopy());
  }
}
