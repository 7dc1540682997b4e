package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Futures;
import dev.xreg.core.domain.EndpointRules;
import dev.xreg.core.domain.MessageRules;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.write.AttributeValues;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The message and endpoint rules ({@link MessageRules}, {@link EndpointRules}) on what a
 * request wrote, run once at its end inside its transaction, so a document that writes a
 * message before its group (or its base message) is judged complete. A violation fails the
 * request and rolls everything back. Only Group and Resource types shaped as the built-in
 * models define them are checked: {@code messagegroups} with {@code envelope},
 * {@code endpoints} with {@code usage}, {@code messages} with {@code dataschemaformat}.
 */
final class DomainChecks {
  private static final String MESSAGES = "messages";
  /** Longest {@code basemessageuri} chain followed before giving up (no error: dangling is allowed). */
  private static final int MAX_CHAIN = 64;

  private record GroupWrite(GroupType type, String xid, long rowId, Entity before, Entity after) {
  }

  private final Map<String, GroupWrite> groups = new LinkedHashMap<>();
  private final Map<String, Tree.Written> resources = new LinkedHashMap<>();

  void groupWritten(GroupType type, long rowId, Entity before, Entity after) {
    if (isMessageContainer(type)) {
      groups.put(after.xid(), new GroupWrite(type, after.xid(), rowId, before, after));
    }
  }

  void resourceWritten(GroupType group, Tree.Written w) {
    if (isMessageContainer(group) && isMessage(w.type()) && w.outcome().after() != null) {
      resources.put(w.xid(), w);
    }
  }

  Future<Void> run(RequestContext ctx) {
    if (groups.isEmpty() && resources.isEmpty()) {
      return Future.succeededFuture();
    }
    Model model = ctx.registry.model();
    List<String> messagePlurals = model.groups().values().stream().filter(g -> g.resource(MESSAGES).isPresent())
        .map(GroupType::plural).toList();
    Map<String, Entity> groupCache = new HashMap<>();
    List<Future<Void>> recheck = new ArrayList<>();
    for (GroupWrite g : groups.values()) {
      groupCache.put(g.xid(), g.after());
      if (isEndpoint(g.type())) {
        EndpointRules.check(g.xid(), g.after().attributes());
      } else {
        MessageRules.checkGroup(g.xid(), g.after().attributes());
      }
      if (g.before() != null && !(same(g.before(), g.after(), "envelope") && same(g.before(), g.after(), "protocol"))) {
        recheck.add(recheckMessages(ctx, g, messagePlurals));
      }
    }
    return Future.all(recheck).compose(done -> Futures.sequence(resources.values(), w -> {
      String groupXid = w.xid().substring(0, w.xid().indexOf("/" + MESSAGES + "/"));
      Future<Entity> group = groupCache.containsKey(groupXid) ? Future.succeededFuture(groupCache.get(groupXid))
          : ctx.tx.find(groupXid).map(s -> s == null ? null : s.entity());
      return group.compose(ge -> {
        groupCache.put(groupXid, ge);
        MessageRules.Container in = isEndpoint(model.group(groupXid.split("/")[1]).orElseThrow())
            ? MessageRules.Container.ENDPOINT : MessageRules.Container.MESSAGEGROUP;
        List<Future<Void>> chains = new ArrayList<>();
        for (Entity v : w.outcome().after().versions().values()) {
          MessageRules.checkMessage(w.xid(), v.attributes(), ge == null ? null : ge.attributes(), in, messagePlurals);
          chains.add(baseChain(ctx, w.xid(), v, messagePlurals));
        }
        return Future.all(chains).<Void>mapEmpty();
      });
    })).mapEmpty();
  }

  /** A group whose envelope or protocol changed: its stored messages must still agree (MSG-006, EP-007, EP-011). */
  private Future<Void> recheckMessages(RequestContext ctx, GroupWrite g, List<String> messagePlurals) {
    MessageRules.Container in = isEndpoint(g.type()) ? MessageRules.Container.ENDPOINT
        : MessageRules.Container.MESSAGEGROUP;
    return ctx.tx.children(g.rowId(), MESSAGES).compose(metas -> Futures.sequence(metas, meta -> {
      String resourceXid = meta.entity().xid().substring(0, meta.entity().xid().length() - "/meta".length());
      if (resources.containsKey(resourceXid)) {
        return Future.<Void>succeededFuture(); // checked with the request's other messages
      }
      return defaultVersion(ctx, resourceXid, meta).map(v -> {
        if (v != null) {
          MessageRules.checkMessage(resourceXid, v.entity().attributes(), g.after().attributes(), in, messagePlurals);
        }
        return null;
      });
    })).mapEmpty();
  }

  /**
   * MSG-022: following relative {@code basemessageuri} values from a message never comes back
   * to a message already on the chain. A missing target ends the chain (dangling is allowed,
   * MSG-021); a Resource stands for its default Version.
   */
  private static Future<Void> baseChain(RequestContext ctx, String resourceXid, Entity version,
      List<String> messagePlurals) {
    Set<String> seen = new LinkedHashSet<>(List.of(resourceXid, version.xid()));
    return follow(ctx, resourceXid, MessageRules.baseTarget(version.text("basemessageuri"), messagePlurals), seen,
        messagePlurals);
  }

  private static Future<Void> follow(RequestContext ctx, String subject, String target, Set<String> seen,
      List<String> messagePlurals) {
    if (target == null || seen.size() > MAX_CHAIN) {
      return Future.succeededFuture();
    }
    if (!seen.add(target)) {
      throw AttributeValues.invalid("basemessageuri", subject, "the basemessageuri chain is recursive: "
          + String.join(" -> ", seen) + " -> " + target);
    }
    Future<StoredEntity> resolved = target.contains("/versions/") ? ctx.tx.find(target)
        : ctx.tx.find(target + "/meta").compose(meta -> meta == null ? Future.succeededFuture(null)
            : defaultVersion(ctx, target, meta));
    return resolved.compose(v -> {
      if (v == null) {
        return Future.succeededFuture();
      }
      if (!v.entity().xid().equals(target) && !seen.add(v.entity().xid())) {
        throw AttributeValues.invalid("basemessageuri", subject, "the basemessageuri chain is recursive: "
            + String.join(" -> ", seen) + " -> " + v.entity().xid());
      }
      return follow(ctx, subject, MessageRules.baseTarget(v.entity().text("basemessageuri"), messagePlurals), seen,
          messagePlurals);
    });
  }

  private static Future<StoredEntity> defaultVersion(RequestContext ctx, String resourceXid, StoredEntity meta) {
    String dv = meta.entity().text("defaultversionid");
    return dv == null ? Future.succeededFuture(null) : ctx.tx.find(resourceXid + "/versions/" + dv);
  }

  private static boolean same(Entity a, Entity b, String attribute) {
    return Objects.equals(a.text(attribute), b.text(attribute));
  }

  private static boolean isMessageContainer(GroupType g) {
    return isEndpoint(g) || g.plural().equals("messagegroups") && g.attributes().names().contains("envelope");
  }

  private static boolean isEndpoint(GroupType g) {
    return g.plural().equals("endpoints") && g.attributes().names().contains("usage");
  }

  private static boolean isMessage(ResourceType r) {
    return r.plural().equals(MESSAGES) && r.versionAttributes().names().contains("dataschemaformat");
  }
}
