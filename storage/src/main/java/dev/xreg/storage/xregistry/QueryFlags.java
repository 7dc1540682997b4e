package dev.xreg.storage.xregistry;

import dev.xreg.core.Capabilities;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.Sort;

/** The {@code filter} and {@code sort} flags of a request, ignored when capabilities switched them off. */
final class QueryFlags {
  private QueryFlags() {
  }

  static Filter filter(RequestContext ctx) {
    if (!Capabilities.flagEnabled(ctx.registry.capabilities(), "filter")) {
      return null;
    }
    return Filter.parse(ctx.request.query().get("filter"), ctx.request.path());
  }

  static Sort sort(RequestContext ctx, boolean collection) {
    if (!Capabilities.flagEnabled(ctx.registry.capabilities(), "sort")) {
      return null;
    }
    return Sort.parse(ctx.request.flag("sort"), collection, ctx.request.path());
  }
}
