package dev.xreg.storage.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces the model (PUT /modelsource, or modelsource inside a Registry write).
 * A model that would orphan existing entities is rejected with
 * {@code model_compliance_error} and nothing changes.
 */
final class ModelSourceWrite {
  private final RequestContext ctx;

  ModelSourceWrite(RequestContext ctx) {
    this.ctx = ctx;
  }

  Future<Model> replace(JsonNode source) {
    Model next = Model.parse(source);
    Model current = ctx.registry.model();
    return ctx.tx.counts(null).compose(groupCounts -> {
      List<String> lost = new ArrayList<>();
      for (Map.Entry<String, Long> e : groupCounts.entrySet()) {
        if (e.getValue() > 0 && next.group(e.getKey()).isEmpty()) {
          lost.add(e.getKey());
        }
      }
      if (!lost.isEmpty()) {
        throw noncompliant("the Registry holds Groups of type " + lost + " that the new model does not define");
      }
      return Futures.sequence(current.groups().values(), g -> checkResourceTypes(g, next.group(g.plural())));
    }).compose(v -> {
      RegistryState r = ctx.registry;
      RegistryState updated = new RegistryState(r.registryid(), ctx.nextRegistryEpoch(), r.createdat(), ctx.now,
          r.attributes(), next, r.capabilities());
      return ctx.tx.updateRegistry(updated, r.epoch()).map(x -> {
        ctx.registry = updated;
        ctx.registryWritten = true;
        return next;
      });
    });
  }

  /** Resource types removed from a Group type must have no Resources left. */
  private Future<Void> checkResourceTypes(GroupType g, Optional<GroupType> next) {
    List<String> removed = new ArrayList<>();
    for (ResourceType r : g.resources().values()) {
      if (next.isEmpty() || next.get().resource(r.plural()).isEmpty()) {
        removed.add(r.plural());
      }
    }
    if (removed.isEmpty()) {
      return Future.succeededFuture();
    }
    return ctx.tx.children(null, g.plural()).compose(groups -> Futures.sequence(groups,
        grp -> ctx.tx.counts(grp.rowId()).map(c -> {
          for (String r : removed) {
            if (c.getOrDefault(r, 0L) > 0) {
              throw noncompliant(grp.entity().xid() + " holds " + r + " that the new model does not define");
            }
          }
          return null;
        }))).mapEmpty();
  }

  private static XRegistryException noncompliant(String detail) {
    return XRegistryException.of(ErrorType.MODEL_COMPLIANCE_ERROR, "/model").detail(detail).build();
  }
}
