package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.command.Operation;
import dev.xreg.core.entity.CrossReference;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.ResourceState;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.render.View;
import dev.xreg.core.write.GroupConstraints;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.NewEntity;
import dev.xreg.storage.StoredEntity;
import dev.xreg.storage.engine.Futures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code PUT /} and {@code POST /} of a whole document (an export, typically), read as a stream
 * from its spooled file ({@link ImportReader}) and written a batch of Resources at a time, inside
 * the request's one transaction: nothing is visible before the commit and a failure anywhere
 * rolls all of it back.
 *
 * <p>The steps and rules are those of the same request with a buffered body (CORE-REG-006:
 * capabilities, modelsource, the Registry's attributes, then the Groups; each Group before its
 * Resources). A Resource that exists already is written by {@link Tree} as ever; a new one runs
 * the same Resource processing algorithm (off the event loop, a batch per task) and is then
 * inserted with its Versions by two multi-row statements per batch, its ID checked against its
 * siblings ignoring case in one query. The xref-target checks run per batch, so the heap holds
 * one batch of written Resources, not the document's.
 */
final class DocumentImport {
  /** Resources per batch: one worker task to read and process them, two INSERTs to store them. */
  static final int BATCH = 1000;

  private final RequestContext ctx;
  private final Tree tree;
  private final Path body;
  private final String subject;
  /** The Groups written, in document order, for the answer to {@code POST /}. */
  private final List<StoredGroup> groups = new ArrayList<>();
  private StoredGroup current;

  private record StoredGroup(GroupType type, StoredEntity row) {
  }

  /** A Resource read, with the Group it belongs to. */
  private record Queued(StoredGroup group, ImportReader.ResourceItem item) {
    String xid() {
      return group.row().entity().xid() + "/" + item.type().plural() + "/" + item.id();
    }
  }

  DocumentImport(RequestContext ctx, Tree tree, Path body) {
    this.ctx = ctx;
    this.tree = tree;
    this.body = body;
    this.subject = ctx.request.path();
  }

  /** {@code PUT /}: capabilities, modelsource, the Registry's attributes, then every Group below. */
  Future<Void> replace() {
    Bodies.noXRegistryHeaders(ctx);
    Method method = ctx.request.operation() == Operation.UPDATE ? Method.PATCH : Method.PUT;
    return worker(() -> ImportReader.rootMembers(body, n -> "capabilities".equals(n) || "modelsource".equals(n),
            subject))
        .compose(head -> RequestExecutor.writeRegistryHead(ctx, strip(head), method))
        .compose(v -> {
          Model model = ctx.registry.model(); // as the modelsource just written defines it
          return worker(() -> ImportReader.rootMembers(body, n -> model.group(n).isEmpty(), subject));
        })
        .compose(own -> RequestExecutor.writeRegistryAttributes(ctx, strip(own), method))
        .compose(v -> groups(method));
  }

  /** {@code POST /} (CORE-REG-009): only Group collections, each Group upserted with PUT semantics. */
  Future<Map<String, List<View>>> post() {
    Bodies.noXRegistryHeaders(ctx);
    Model model = ctx.registry.model();
    Set<String> collections = new LinkedHashSet<>();
    return worker(() -> ImportReader.rootMembers(body, n -> {
      if (model.group(n).isPresent()) {
        collections.add(n);
        return false;
      }
      return true;
    }, subject)).compose(others -> {
      if (others.size() > 0) {
        throw RequestExecutor.groupsOnly(model, others.fieldNames().next());
      }
      return groups(Method.PUT);
    }).compose(v -> {
      Map<String, List<View>> out = new LinkedHashMap<>();
      collections.forEach(c -> out.put(c, new ArrayList<>()));
      return Futures.sequence(groups, g -> tree.groupView(g.type(), g.row())
          .map(view -> out.get(g.type().plural()).add(view))).map(out);
    });
  }

  private ObjectNode strip(ObjectNode root) {
    return ctx.ignore.strip(root, ctx.target, ctx.request.operation());
  }

  /** Streams the Group collections, a batch at a time; the next batch is read while this one is stored. */
  private Future<Void> groups(Method method) {
    Model model = ctx.registry.model();
    return worker(() -> ImportReader.open(body, model, subject)).compose(reader -> {
      Promise<Void> done = Promise.promise();
      next(reader, method, worker(() -> reader.next(BATCH)), done);
      return done.future();
    });
  }

  /**
   * Applies the batch {@code read} brings, then the next: each step starts from a worker's
   * callback, so a million Resources make no deep chain of futures. The reader is closed once
   * no read is in flight.
   */
  private void next(ImportReader reader, Method method, Future<List<ImportReader.Item>> read, Promise<Void> done) {
    read.onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        reader.close();
        done.handle(ar.mapEmpty());
        return;
      }
      Future<List<ImportReader.Item>> following = worker(() -> reader.next(BATCH));
      Future<Void> applied;
      try {
        ctx.checkDeadline();
        applied = apply(ar.result(), method);
      } catch (RuntimeException e) {
        applied = Future.failedFuture(e);
      }
      applied.onComplete(v -> {
        if (v.succeeded()) {
          next(reader, method, following, done);
        } else {
          following.onComplete(x -> reader.close());
          done.fail(v.cause());
        }
      });
    });
  }

  /** Writes each Group as it comes and its Resources in one batch (or one per Group in the batch). */
  private Future<Void> apply(List<ImportReader.Item> items, Method method) {
    List<Queued> pending = new ArrayList<>();
    return Futures.sequence(items, item -> {
      if (item instanceof ImportReader.GroupItem g) {
        List<Queued> before = List.copyOf(pending);
        pending.clear();
        return resources(before, method)
            .compose(v -> tree.writeGroup(g.type(), g.id(), ctx.ignore.stripNested(g.attributes()), method))
            .map(row -> {
              current = new StoredGroup(g.type(), row);
              groups.add(current);
              return null;
            });
      }
      ImportReader.ResourceItem r = (ImportReader.ResourceItem) item;
      ctx.ignore.stripNested(r.body());
      pending.add(new Queued(current, r));
      return Future.succeededFuture();
    }).compose(v -> resources(pending, method));
  }

  /**
   * Resources that exist are written one by one as ever; new ones in bulk. Which exist is read
   * from one probe per ID of the index that makes IDs unique ignoring case: it finds the exact
   * ID too, so only the Resources found there are looked up by xid (none, in an import into an
   * empty Group), where both lookups ran for every Resource before (issue 15, I1).
   */
  private Future<Void> resources(List<Queued> batch, Method method) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return storedIds(batch).compose(stored -> {
      List<String> metas = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        if (batch.get(i).item().id().equals(stored.get(i))) {
          metas.add(batch.get(i).xid() + "/meta");
        }
      }
      return ctx.tx.findAll(metas).compose(existing -> {
        List<Queued> updates = new ArrayList<>();
        List<Queued> creates = new ArrayList<>();
        List<String> storedOfCreates = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          Queued q = batch.get(i);
          if (existing.containsKey(q.xid() + "/meta")) {
            updates.add(q);
          } else {
            creates.add(q);
            storedOfCreates.add(stored.get(i));
          }
        }
        return Futures.sequence(updates, q -> tree.writeResourceInMap(q.group().type(),
                q.group().row().entity().id(), q.item().type(), q.item().id(), method,
                w -> w.resource(q.item().body(), null)))
            .compose(v -> create(creates, storedOfCreates, method))
            .compose(v -> ctx.xrefTargets.flush(ctx));
      });
    });
  }

  private Future<Void> create(List<Queued> creates, List<String> stored, Method method) {
    if (creates.isEmpty()) {
      return Future.succeededFuture();
    }
    uniqueIgnoringCase(creates, stored);
    List<GroupConstraints> constraints = creates.stream().map(q -> tree.constraints(q.group().type(),
        q.group().row().entity(), q.item().type())).toList();
    return worker(() -> {
          // the Resource processing algorithm, schema checks included: CPU work, off the event loop
          List<ResourceWrite.Outcome> out = new ArrayList<>(creates.size());
          for (int i = 0; i < creates.size(); i++) {
            Queued q = creates.get(i);
            out.add(tree.resourceWrite(null, q.item().type(), q.xid(), q.item().id(), method, 0L, constraints.get(i))
                .resource(q.item().body(), null).finish());
          }
          return out;
        })
        .compose(outcomes -> insert(creates, outcomes)
            .compose(v -> checkXrefTargets(creates, outcomes, constraints)));
  }

  /** The metas in one statement, then every Version of the batch under them in another. */
  private Future<Void> insert(List<Queued> creates, List<ResourceWrite.Outcome> outcomes) {
    List<NewEntity> metas = new ArrayList<>(creates.size());
    for (int i = 0; i < creates.size(); i++) {
      Queued q = creates.get(i);
      ResourceWrite.Outcome outcome = outcomes.get(i);
      tree.written(q.group().type(), q.item().type(), null, outcome, q.xid());
      if (outcome.after() != null) {
        StoredEntity group = q.group().row();
        ctx.groupsWithChangedChildren.put(group.rowId(), group.entity().xid());
        metas.add(new NewEntity(group.rowId(), q.item().type().plural(), outcome.after().meta(),
            outcome.after().defaultVersion()));
      }
    }
    return ctx.tx.insertAll(metas).compose(rows -> {
      List<NewEntity> versions = new ArrayList<>();
      for (ResourceWrite.Outcome outcome : outcomes) {
        ResourceState after = outcome.after();
        if (after != null) {
          Long row = rows.get(after.meta().xid());
          for (Entity v : after.versions().values()) {
            versions.add(new NewEntity(row, "versions", v));
          }
        }
      }
      return ctx.tx.insertAll(versions).mapEmpty();
    });
  }

  /** CORE-XREF-007 for new xref sources, as Tree checks one (their targets are stored by now). */
  private Future<Void> checkXrefTargets(List<Queued> creates, List<ResourceWrite.Outcome> outcomes,
      List<GroupConstraints> constraints) {
    List<Integer> xrefs = new ArrayList<>();
    for (int i = 0; i < creates.size(); i++) {
      ResourceState after = outcomes.get(i).after();
      if (after != null && CrossReference.of(after.meta()) != null && !constraints.get(i).isEmpty()) {
        xrefs.add(i);
      }
    }
    return Futures.sequence(xrefs, i -> tree.checkXrefTarget(outcomes.get(i), creates.get(i).xid(),
        constraints.get(i))).mapEmpty();
  }

  /**
   * The stored sibling ID each Resource of the batch equals ignoring case (null: none), in batch
   * order: one query per Group and Resource type in the batch, one index probe per ID.
   */
  private Future<List<String>> storedIds(List<Queued> batch) {
    Map<String, List<Integer>> bySiblings = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Queued q = batch.get(i);
      bySiblings.computeIfAbsent(q.group().row().rowId() + "/" + q.item().type().plural(), k -> new ArrayList<>())
          .add(i);
    }
    String[] out = new String[batch.size()];
    return Futures.sequence(bySiblings.values(), is -> {
      Queued first = batch.get(is.get(0));
      return ctx.tx.siblingIdsIgnoringCase(first.group().row().rowId(), first.item().type().plural(),
          is.stream().map(i -> batch.get(i).item().id()).toList()).map(found -> {
            for (int i : is) {
              out[i] = found.get(batch.get(i).item().id().toLowerCase(Locale.ROOT));
            }
            return null;
          });
    }).map(v -> Arrays.asList(out));
  }

  /**
   * CORE-ID-002 for the new Resources of a batch: against each other, then against the stored
   * sibling IDs {@link #storedIds} found for them.
   */
  private static void uniqueIgnoringCase(List<Queued> creates, List<String> stored) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < creates.size(); i++) {
      Queued q = creates.get(i);
      String lower = q.group().row().rowId() + "/" + q.item().type().plural() + "/"
          + q.item().id().toLowerCase(Locale.ROOT);
      String other = seen.putIfAbsent(lower, q.item().id());
      if (other != null && !other.equals(q.item().id())) {
        throw Tree.caseClash(q.xid(), q.item().id(), other);
      }
    }
    for (int i = 0; i < creates.size(); i++) {
      Queued q = creates.get(i);
      String other = stored.get(i);
      if (other != null && !other.equals(q.item().id())) {
        throw Tree.caseClash(q.xid(), q.item().id(), other);
      }
    }
  }

  /** Blocking reads and CPU-bound batches run on the validation workers, never on the storage event loop. */
  private <T> Future<T> worker(Callable<T> task) {
    return ctx.validation.run(task);
  }
}
