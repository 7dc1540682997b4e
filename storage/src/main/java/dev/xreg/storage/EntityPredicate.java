package dev.xreg.storage;

import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Filter.Expression;
import java.util.List;
import java.util.Objects;

/**
 * A condition on stored entities, in the engine's terms: the {@code ?filter} flag's terms
 * or one of the named conditions the xRegistry rules ask about. Each store compiles these
 * to its own query language (the PostgreSQL store to SQL, {@code pg.FilterSql}), so no
 * query text crosses the SPI.
 */
public sealed interface EntityPredicate {

  /**
   * The {@code ?filter} terms: OR of the AND'd expressions, evaluated on the entities of
   * {@code scope} (an empty list matches nothing).
   */
  record Matching(List<List<Expression>> anyOf, EntityScope scope) implements EntityPredicate {
    public Matching {
      anyOf = List.copyOf(anyOf.stream().map(List::copyOf).toList());
      Objects.requireNonNull(scope, "scope");
    }
  }

  /** A Version with a document: stored bytes, or the given {@code <RESOURCE>url} attribute (CORE-MOD-014). */
  record HasDocument(String documentUrlAttribute) implements EntityPredicate {
  }

  /** A Resource whose {@code defaultversionsticky} is true (CORE-MOD-015). */
  record StickyDefault() implements EntityPredicate {
  }

  /** A Resource with more than {@code max} Versions (model change checks, docs/spec-decisions.md M3). */
  record MoreVersionsThan(long max) implements EntityPredicate {
  }

  /** A Resource whose {@code meta.readonly} is true (docs/spec-decisions.md D4). */
  record Readonly() implements EntityPredicate {
  }

  /** The filter as a predicate on {@code scope}; null when there is no filter. */
  static EntityPredicate of(Filter filter, EntityScope scope) {
    return filter == null ? null : new Matching(filter.anyOf(), scope);
  }

  /** One AND'd term of a filter on {@code scope}. */
  static EntityPredicate term(List<Expression> all, EntityScope scope) {
    return new Matching(List.of(all), scope);
  }
}
