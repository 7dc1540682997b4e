package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Filter.Expression;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@code ?filter} asks of one place in a response tree (spec "Filter Flag", http
 * "{@code ?filter} Flag", CORE-FIL-005/006/011): the OR'd terms, each with its paths relative
 * to the entities there. Each term selects a subtree: the entities matching it down to its
 * deepest collection (its leaves) and their ancestors; the response is the union of the
 * subtrees. So below an entity only the terms it matched apply; a collection the terms do
 * not step into shows nothing, unless the entity is itself a matching leaf of some term, in
 * which case everything below it is shown (inlining adds children of matching leaves only).
 *
 * <p>It is used at two kinds of places: a collection (the terms select its members, see
 * {@link #predicate}) and an entity shown from it ({@link #at}: the terms that entity
 * matched, whose hops lead further down, see {@link #below}).
 */
final class Subfilter {
  /** The request has no filter. */
  static final Subfilter OFF = new Subfilter(false, null);
  /** Below a matching leaf: everything is shown, but it is still a filtered response. */
  private static final Subfilter ALL = new Subfilter(true, null);
  /** A collection no term reaches: nothing in it is shown. */
  private static final Subfilter NOTHING = new Subfilter(true, List.of());

  private final boolean filtered;
  /** The OR'd terms; null when everything is shown. */
  private final List<List<Expression>> terms;

  private Subfilter(boolean filtered, List<List<Expression>> terms) {
    this.filtered = filtered;
    this.terms = terms;
  }

  /** The request's filter at the request's target (a collection, or the entity itself). */
  static Subfilter of(Filter filter) {
    if (filter == null) {
      return OFF;
    }
    return filter.excludesAll() ? NOTHING : new Subfilter(true, filter.anyOf());
  }

  boolean isOff() {
    return !filtered;
  }

  /** Which members of a collection are shown; null when all of them. */
  EntityPredicate predicate(EntityScope members) {
    return terms == null ? null : new EntityPredicate.Matching(terms, members);
  }

  /**
   * For the entity a request targets: the terms whose expressions about the entity itself
   * (those without a collection hop) it satisfies; a term without such expressions always
   * applies. Null when none does: the entity is not shown (CORE-FIL-008, a 404).
   */
  Future<Subfilter> atTarget(EntityScope here, Function<EntityPredicate, Future<Boolean>> matches) {
    if (terms == null) {
      return Future.succeededFuture(this);
    }
    List<List<Expression>> active = new ArrayList<>();
    return Futures.sequence(terms, term -> {
      List<Expression> own = term.stream().filter(x -> here.hop(x) == null).toList();
      Future<Boolean> holds = own.isEmpty() ? Future.succeededFuture(true)
          : matches.apply(EntityPredicate.term(own, here));
      return holds.map(h -> h ? active.add(term) : null);
    }).map(v -> active.isEmpty() ? null : new Subfilter(true, active));
  }

  /** For an entity shown from this collection: the terms it matched (every one is re-checked only if several). */
  Future<Subfilter> at(StoreTx tx, StoredEntity e, EntityScope members) {
    if (terms == null || terms.size() == 1) {
      return Future.succeededFuture(this);
    }
    List<List<Expression>> matched = new ArrayList<>();
    return Futures.sequence(terms, term -> tx.matches(e.rowId(), EntityPredicate.term(term, members))
        .map(m -> m ? matched.add(term) : null)).map(v -> new Subfilter(true, matched));
  }

  /**
   * What applies below every member of this collection when it is the same for all of them
   * (no filter, or no term steps below the members, so each is a matching leaf): the views
   * of a page can then be read in batches. Null when it depends on the member.
   */
  Subfilter belowEveryMember(EntityScope members) {
    if (terms == null) {
      return this;
    }
    return terms.stream().allMatch(t -> t.stream().allMatch(x -> members.hop(x) == null)) ? ALL : null;
  }

  /** For the nested collection {@code collection} of an entity at {@code here}: what selects its members. */
  Subfilter below(EntityScope here, String collection) {
    if (terms == null) {
      return this;
    }
    List<List<Expression>> next = new ArrayList<>();
    for (List<Expression> term : terms) {
      if (term.stream().allMatch(x -> here.hop(x) == null)) {
        return ALL; // the entity is a matching leaf of this term
      }
      List<Expression> inside = term.stream().filter(x -> collection.equals(here.hop(x))).map(x -> x.drop(1))
          .toList();
      if (!inside.isEmpty()) {
        next.add(inside);
      }
    }
    return next.isEmpty() ? NOTHING : new Subfilter(true, next);
  }

  /** The members of a nested collection that are shown, in ID order. */
  Future<List<StoredEntity>> children(StoreTx tx, Long parentId, String collection, EntityScope members) {
    if (terms == null) {
      return tx.children(parentId, collection);
    }
    if (terms.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return tx.children(parentId, collection, predicate(members));
  }

  /** {@code <C>count} of each nested collection of the entity at {@code here} (CORE-FIL-006); {@code all} unfiltered. */
  Future<Map<String, Long>> counts(StoreTx tx, Long rowId, EntityScope here, Map<String, Long> all) {
    if (terms == null) {
      return Future.succeededFuture(all);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    return Futures.sequence(here.collections(), c -> below(here, c).count(tx, rowId, c, here.child(c), all)
        .map(n -> out.put(c, n))).map(v -> out);
  }

  /** How many members of this collection are shown; {@code all} holds the unfiltered counts if already read, else null. */
  Future<Long> count(StoreTx tx, Long parentId, String collection, EntityScope members, Map<String, Long> all) {
    if (terms == null) {
      return all != null ? Future.succeededFuture(all.getOrDefault(collection, 0L))
          : tx.count(new PageQuery(parentId, collection, null, null, List.of(), 1));
    }
    if (terms.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    return tx.count(new PageQuery(parentId, collection, predicate(members), null, List.of(), 1));
  }

  /**
   * For {@code <C>url} of each nested collection of the entity at {@code here}: the
   * {@code filter} parameter values that select the same members there (empty: none needed),
   * or null when the request has no filter. The serializer turns an empty collection's URL
   * into {@code ?filter=excludeall} in a filtered response.
   */
  Map<String, List<String>> urls(EntityScope here) {
    if (!filtered) {
      return null;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String c : here.collections()) {
      out.put(c, below(here, c).parameters());
    }
    return out;
  }

  /** This collection's filter as {@code filter} parameter values; null when unfiltered. */
  List<String> parameters() {
    if (!filtered) {
      return null;
    }
    if (terms == null) {
      return List.of();
    }
    if (terms.isEmpty()) {
      return List.of(Filter.EXCLUDE_ALL);
    }
    return terms.stream().map(Filter::text).toList();
  }
}
