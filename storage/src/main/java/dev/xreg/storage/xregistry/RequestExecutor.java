package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Cancellation;
import dev.xreg.storage.engine.Deadline;
import dev.xreg.storage.engine.Futures;
import dev.xreg.storage.EntityScope;
import dev.xreg.storage.EntityPredicate;
import dev.xreg.core.command.AllowedOperations;
import dev.xreg.core.command.Operation;
import dev.xreg.core.command.Target;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.command.Reply;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.flag.Filter;
import dev.xreg.core.flag.RenderFlags;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.model.Model;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.render.View;
import dev.xreg.core.write.EntityWrite;
import dev.xreg.core.write.Method;
import dev.xreg.core.write.Shapes;
import dev.xreg.storage.ConflictException;
import dev.xreg.storage.PageQuery;
import dev.xreg.storage.RegistryStore;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.StoredEntity;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Executes one {@link RegistryRequest} in one transaction: parses the path against the
 * current model, dispatches by target, level and operation, and answers with views to render.
 * Any exception fails the future and rolls the whole request back (CORE-GEN-001).
 */
public final class RequestExecutor {
  /**
   * A base URL for rendering inside the transaction: URLs do not change whether rendering
   * succeeds, and the HTTP layer renders again under the request's own base URL.
   */
  private static final String RENDER_CHECK_BASE = "http://render.check";

  private final RegistryStore store;
  private final int maxPageSize;
  private final int maxInlineEntities;
  private final Duration timeout;
  private final Duration importTimeout;
  private final Consumer<Reply> renderCheck;
  private final Validation validation;
  private volatile PageCursors cursors;
  /** The OCI view that model changes fill or remove (docs/oci.md "xRegistry view"). */
  private volatile OciView ociView;
  /** The App Registry view that model changes fill or remove (docs/cnr.md "xRegistry view"). */
  private volatile CnrView cnrView;

  public RequestExecutor(RegistryStore store) {
    this(store, new StorageOptions());
  }

  /** @param options the page size, inline bound and request timeout it enforces */
  public RequestExecutor(RegistryStore store, StorageOptions options) {
    this(store, options, reply -> reply.render(RENDER_CHECK_BASE));
  }

  /**
   * {@code renderCheck} renders a write's reply before the commit (CORE-GEN-001): if the
   * response cannot be produced, the write is rolled back instead of committed and then
   * answered with a 500. Tests inject a failing one.
   */
  public RequestExecutor(RegistryStore store, StorageOptions options, Consumer<Reply> renderCheck) {
    this(store, options, renderCheck, Validation.inline(options.validationLimits()));
  }

  /** Runs schema checks through {@code validation} (the server's worker pool). */
  public RequestExecutor(RegistryStore store, StorageOptions options, Validation validation) {
    this(store, options, reply -> reply.render(RENDER_CHECK_BASE), validation);
  }

  private RequestExecutor(RegistryStore store, StorageOptions options, Consumer<Reply> renderCheck,
      Validation validation) {
    this.validation = validation;
    this.store = store;
    this.maxPageSize = options.getMaxPageSize(); // validated by StorageOptions
    this.maxInlineEntities = options.getMaxInlineEntities();
    this.timeout = Duration.ofSeconds(options.getRequestTimeoutSeconds());
    this.importTimeout = Duration.ofSeconds(options.getImportTimeoutSeconds());
    this.renderCheck = renderCheck;
    this.ociView = new OciView(options, OciView.NO_TAGS);
    this.cnrView = new CnrView(options, CnrView.NO_PACKAGES);
  }

  /** Makes model changes fill the OCI view from {@code view}'s tags (the engine's OCI tables). */
  public RequestExecutor ociView(OciView view) {
    this.ociView = view;
    return this;
  }

  /** Makes model changes fill the App Registry view from {@code view}'s packages (the engine's CNR tables). */
  public RequestExecutor cnrView(CnrView view) {
    this.cnrView = view;
    return this;
  }

  public Future<Reply> execute(RegistryRequest request) {
    return execute(request, ReadScope.WHOLE);
  }

  /**
   * Executes {@code request}; a GET loads only what {@code scope} asks for. A GET that found a
   * row missing which an earlier statement of it showed present (a concurrent delete between
   * two statements: reads run without a transaction) is read again in one snapshot, where
   * that cannot happen (issue 13 item 3: was a NullPointerException and a 500).
   */
  public Future<Reply> execute(RegistryRequest request, ReadScope scope) {
    return execute(request, scope, (String) null);
  }

  /**
   * As {@link #execute(RegistryRequest, ReadScope)}; a write's change-feed rows carry
   * {@code correlationId}, the {@code xregcorrelationid} of its events (null: the transaction ID).
   */
  public Future<Reply> execute(RegistryRequest request, ReadScope scope, String correlationId) {
    return execute(request, scope, correlationId, Cancellation.NONE);
  }

  /**
   * As {@link #execute(RegistryRequest, ReadScope, String)}; a read stops (its statement is
   * cancelled) when {@code cancellation} fires, its client gone (issue 15). A write runs on to its
   * commit or rollback under its deadline: it is short, and where it ends is then its own.
   */
  public Future<Reply> execute(RegistryRequest request, ReadScope scope, String correlationId,
      Cancellation cancellation) {
    boolean read = request.operation() == Operation.READ;
    if (scope != ReadScope.WHOLE && !read) {
      throw new IllegalArgumentException("only reads are streamed, not " + request.operation());
    }
    Function<StoreTx, Future<Reply>> work = work(request, scope, null);
    if (!read) {
      // a dry run (?dryrun) ends its transaction with DryRun, which rolls everything back
      return store.inTransaction(correlationId, work).recover(err -> err instanceof DryRun d
          ? Future.succeededFuture(d.reply) : Future.failedFuture(err));
    }
    // GETs write nothing: no transaction, two round trips fewer (issue 8, R1/R2). They have
    // nothing to roll back either, so their reply is rendered only once, by the HTTP layer.
    if (cancellation == Cancellation.NONE) {
      return store.read(work).recover(err -> err instanceof ConflictException
          ? store.readSnapshot(work) : Future.failedFuture(err));
    }
    return store.read(cancellation, work).recover(err -> err instanceof ConflictException
        ? store.readSnapshot(cancellation, work) : Future.failedFuture(err));
  }

  /** Executes the read {@code request} against {@code snapshot}, one of the reads of a streamed document. */
  public Future<Reply> execute(RegistryRequest request, ReadScope scope, dev.xreg.storage.Snapshot snapshot) {
    return execute(request, scope, snapshot, Cancellation.NONE);
  }

  /** As {@link #execute(RegistryRequest, ReadScope, dev.xreg.storage.Snapshot)}, stopped when {@code cancellation} fires. */
  public Future<Reply> execute(RegistryRequest request, ReadScope scope, dev.xreg.storage.Snapshot snapshot,
      Cancellation cancellation) {
    if (request.operation() != Operation.READ) {
      throw new IllegalArgumentException("only reads use a snapshot, not " + request.operation());
    }
    return snapshot.read(cancellation, work(request, scope, null));
  }

  /**
   * Executes {@code PUT /} or {@code POST /} ({@code request}, its body left empty) with the
   * document spooled at {@code body}, read as a stream and written in batches
   * ({@link DocumentImport}), in one transaction under the import deadline
   * (XREG_IMPORT_TIMEOUT_SECONDS): all of it commits or none of it.
   */
  public Future<Reply> importDocument(RegistryRequest request, java.nio.file.Path body, String correlationId) {
    if (request.target() != Target.ENTITY || trimSlash(request.path()).length() != 1
        || (request.operation() != Operation.REPLACE && request.operation() != Operation.ADD)) {
      throw new IllegalArgumentException("only PUT / and POST / import a document, not " + request.operation()
          + " " + request.path());
    }
    return store.inTransaction(correlationId, work(request, ReadScope.WHOLE, body)).recover(err -> err instanceof DryRun d
        ? Future.succeededFuture(d.reply) : Future.failedFuture(err));
  }

  /**
   * The operations the HTTP binding allows at {@code path} whatever the request (for
   * {@code OPTIONS} and the {@code Allow} of a 405 to a method xRegistry does not define):
   * the same table the dispatch below refuses other operations with, after resolving an
   * entity path against the current model (an unknown type is {@code api_not_found}).
   */
  public Future<java.util.Set<Operation>> allowed(String path) {
    String p = trimSlash(path);
    Target target = Target.of(p);
    if (target != Target.ENTITY) {
      return Future.succeededFuture(AllowedOperations.of(target));
    }
    return store.read(tx -> tx.registry().map(r -> AllowedOperations.of(EntityPath.parse(p, r.model()))));
  }

  /** The request as a unit of work, run again from scratch if the store retries it. */
  private Function<StoreTx, Future<Reply>> work(RegistryRequest request, ReadScope scope,
      java.nio.file.Path importBody) {
    boolean read = request.operation() == Operation.READ;
    return tx -> {
      Deadline deadline = importBody == null ? new Deadline(timeout, request.path())
          : new Deadline(importTimeout, request.path(), "XREG_IMPORT_TIMEOUT_SECONDS");
      // a GET of one Resource or Version may read its rows with the registry row (issue 15, R1-miss)
      ResourceAddress ahead = read ? ResourceAddress.of(request) : null;
      Future<RegistryState> loaded = ahead == null ? tx.registry()
          : tx.registryAndResource(ahead.metaXid(), ahead.versionId());
      return loaded.compose(registry -> {
        RequestContext ctx = new RequestContext(tx, request, registry, Timestamps.now(), scope, deadline);
        ctx.importBody = importBody;
        ctx.inlineBudget = new InlineBudget(maxInlineEntities, request.path());
        ctx.validation = validation;
        ctx.ociView = ociView;
        ctx.cnrView = cnrView;
        return new ConditionalWrites(ctx, new Tree(ctx)).check(trimSlash(request.path()))
            .compose(v -> dispatch(ctx))
            .compose(reply -> ctx.domainChecks.run(ctx).map(reply))
            .compose(reply -> ctx.xrefTargets.run(ctx).map(reply))
            .compose(reply -> new ParentBumps(ctx).apply().map(reply))
            .map(reply -> {
              if (!read) {
                renderCheck.accept(reply);
                ctx.checkDeadline(); // the last moment to roll back instead of committing late
                if (DryRun.asked(request, ctx.registry.capabilities())) {
                  throw new DryRun(reply);
                }
              }
              return reply;
            });
      });
    };
  }

  /** The cursor codec, made on first use: the store has its secret once migrated. */
  private PageCursors cursors() {
    PageCursors c = cursors;
    if (c == null) {
      c = new PageCursors(store.cursorSecret());
      cursors = c;
    }
    return c;
  }

  /** Dispatches on the typed target the API module chose and the operation; entity paths are resolved here. */
  private Future<Reply> dispatch(RequestContext ctx) {
    String path = trimSlash(ctx.request.path());
    Operation op = ctx.request.operation();
    RenderFlags.checkSpecVersion(ctx.request, ctx.registry.capabilities());
    switch (ctx.request.target()) {
      case ALIAS:
        return ShortSelfs.follow(ctx, path);
      case MODEL:
        AllowedOperations.require(op, path, AllowedOperations.of(Target.MODEL));
        return document(ctx.registry.model().full());
      case MODEL_SOURCE:
        if (op == Operation.REPLACE) {
          return new ModelSourceWrite(ctx).replace(Bodies.json(ctx, path))
              .map(m -> new Reply.Document(m.source()));
        }
        AllowedOperations.require(op, path, AllowedOperations.of(Target.MODEL_SOURCE));
        return document(ctx.registry.model().source());
      case CAPABILITIES:
        if (op == Operation.REPLACE || op == Operation.UPDATE) {
          return writeCapabilities(ctx, Bodies.json(ctx, path), op == Operation.REPLACE ? Method.PUT : Method.PATCH)
              .map(v -> new Reply.Document(ctx.registry.capabilities()));
        }
        AllowedOperations.require(op, path, AllowedOperations.of(Target.CAPABILITIES));
        return document(ctx.registry.capabilities());
      case CAPABILITIES_OFFERED:
        AllowedOperations.require(op, path, AllowedOperations.of(Target.CAPABILITIES_OFFERED));
        return document(Capabilities.offered());
      case EXPORT:
        AllowedOperations.require(op, path, AllowedOperations.of(Target.EXPORT));
        ctx.inlineBudget = InlineBudget.unlimited(); // the whole registry is what was asked for
        ctx.rendering = RenderFlags.export(ctx.request, ctx.registry.model(), ctx.registry.capabilities());
        return new Tree(ctx).registryView().map(v -> new Reply.Single(v, false, null, false, ctx.rendering));
      case ENTITY:
      default:
        return entityRequest(ctx, path, op);
    }
  }

  private Future<Reply> entityRequest(RequestContext ctx, String path, Operation op) {
    EntityPath target = EntityPath.parse(path, ctx.registry.model());
    ctx.target = target;
    ctx.rendering = RenderFlags.of(ctx.request, target, ctx.registry.model(), ctx.registry.capabilities());
    if (op != Operation.READ && target.level().compareTo(EntityPath.Level.RESOURCES) <= 0) {
      DefaultVersionFlag.rejectOnManyResources(ctx);
    }
    Tree tree = new Tree(ctx);
    if (op == Operation.READ && (target.level() == EntityPath.Level.GROUPS
        || target.level() == EntityPath.Level.RESOURCES || target.level() == EntityPath.Level.VERSIONS)) {
      return new CollectionPages(ctx, tree, cursors(), maxPageSize).get(target);
    }
    if (op == Operation.READ) {
      QueryFlags.sort(ctx, target.isCollection()); // sort_noncollection (CORE-SRT-002)
      Filter filter = QueryFlags.filter(ctx);
      if (filter != null && filterable(target)) {
        EntityScope here = EntityScope.of(target, ctx.registry.model());
        return Subfilter.of(filter).atTarget(here, p -> entityMatches(ctx, target, p)).compose(active -> {
          if (active == null) {
            // CORE-FIL-007/008: a filter the target entity fails hides it
            throw XRegistryException.of(ErrorType.NOT_FOUND, target.xid()).detail("the entity does not match the filter")
                .build();
          }
          ctx.filter = active;
          return entity(ctx, tree, target, op, path);
        });
      }
    }
    return entity(ctx, tree, target, op, path);
  }

  private static boolean filterable(EntityPath t) {
    return t.level() == EntityPath.Level.REGISTRY || t.level() == EntityPath.Level.GROUP
        || t.level() == EntityPath.Level.RESOURCE || t.level() == EntityPath.Level.VERSION;
  }

  /** Whether the target entity satisfies {@code p}; a missing one is left to the read's own 404. */
  private static Future<Boolean> entityMatches(RequestContext ctx, EntityPath target, EntityPredicate p) {
    if (target.level() == EntityPath.Level.REGISTRY) {
      return ctx.tx.registryMatches(p);
    }
    String rowXid = target.level() == EntityPath.Level.RESOURCE ? target.xid() + "/meta" : target.xid();
    return ctx.tx.find(rowXid).compose(row -> row == null ? Future.succeededFuture(true)
        : ctx.tx.matches(row.rowId(), p));
  }

  private Future<Reply> entity(RequestContext ctx, Tree tree, EntityPath target, Operation op, String path) {
    return switch (target.level()) {
      case REGISTRY -> registry(ctx, tree, op, path);
      case GROUPS -> new Collections(ctx, tree).groups(target, op);
      case GROUP -> group(ctx, tree, target, op);
      case RESOURCES -> new Collections(ctx, tree).resources(target, op);
      case RESOURCE, META, VERSIONS, VERSION -> new ResourceRequests(ctx, tree).handle(target, op);
    };
  }

  private Future<Reply> registry(RequestContext ctx, Tree tree, Operation op, String path) {
    switch (op) {
      case READ:
        return tree.registryView().map(v -> new Reply.Single(v, false, null, false, ctx.rendering));
      case REPLACE:
      case UPDATE:
        if (ctx.importBody != null) {
          return new DocumentImport(ctx, tree, ctx.importBody).replace()
              .compose(v -> tree.registryView()).map(v -> new Reply.Single(v, false, null, false, ctx.rendering));
        }
        ObjectNode body = Bodies.json(ctx, path);
        return writeRegistry(ctx, tree, body, op == Operation.REPLACE ? Method.PUT : Method.PATCH)
            .compose(v -> tree.registryView()).map(v -> new Reply.Single(v, false, null, false, ctx.rendering));
      case ADD:
        if (ctx.importBody != null) {
          return new DocumentImport(ctx, tree, ctx.importBody).post()
              .map(out -> new Reply.Children(out, ctx.rendering));
        }
        return postGroups(ctx, tree, Bodies.json(ctx, path));
      default:
        throw AllowedOperations.notSupported(op, path, AllowedOperations.of(EntityPath.registry()));
    }
  }

  /**
   * CORE-REG-009: {@code POST /} takes only Group collections and upserts each Group with
   * PUT semantics; the Registry's own attributes are not touched.
   */
  private Future<Reply> postGroups(RequestContext ctx, Tree tree, ObjectNode body) {
    Model model = ctx.registry.model();
    Map<String, Map<String, ObjectNode>> byType = new LinkedHashMap<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (model.group(name).isEmpty()) {
        throw groupsOnly(model, name);
      }
      byType.put(name, Bodies.map(body.get(name), "/" + name));
    }
    Map<String, List<View>> out = new LinkedHashMap<>();
    return Futures.sequence(byType.entrySet(), e -> {
      GroupType g = model.group(e.getKey()).orElseThrow();
      return Futures.sequence(e.getValue().entrySet(), entry -> tree.writeGroup(g, entry.getKey(), entry.getValue(),
          Method.PUT).compose(stored -> tree.groupView(g, stored))).map(views -> out.put(g.plural(), views));
    }).map(v -> new Reply.Children(out, ctx.rendering));
  }

  /** CORE-REG-009: {@code name} is not a Group collection, all that {@code POST /} takes. */
  static XRegistryException groupsOnly(Model model, String name) {
    return XRegistryException.of(ErrorType.GROUPS_ONLY, "/").arg("name", name)
        .detail("POST / takes only Group collections: " + model.groups().keySet()).build();
  }

  /**
   * CORE-REG-006: capabilities first, then modelsource, then the Registry's own
   * attributes, then nested Groups.
   */
  private Future<Void> writeRegistry(RequestContext ctx, Tree tree, ObjectNode body, Method method) {
    return writeRegistryHead(ctx, body, method).compose(v -> writeRegistryAttributes(ctx, body, method)).compose(v -> {
      Map<String, Map<String, ObjectNode>> nested = new LinkedHashMap<>();
      for (GroupType g : ctx.registry.model().groups().values()) {
        nested.put(g.plural(), Bodies.map(body.get(g.plural()), "/" + g.plural()));
      }
      return Futures.sequence(nested.entrySet(), e -> Futures.sequence(e.getValue().entrySet(),
          g -> tree.writeGroup(ctx.registry.model().group(e.getKey()).orElseThrow(), g.getKey(), g.getValue(),
              method))).mapEmpty();
    });
  }

  /** The first steps of a Registry write (CORE-REG-006): its capabilities, then its modelsource. */
  static Future<Void> writeRegistryHead(RequestContext ctx, ObjectNode body, Method method) {
    Future<Void> capabilities = body.has("capabilities")
        ? writeCapabilities(ctx, body.get("capabilities"), method) : Future.succeededFuture();
    return capabilities.compose(c -> body.has("modelsource")
        ? new ModelSourceWrite(ctx).replace(body.get("modelsource")).mapEmpty()
        : Future.succeededFuture());
  }

  /** The Registry's own attributes from {@code body} (its nested Groups are written after it). */
  static Future<Void> writeRegistryAttributes(RequestContext ctx, ObjectNode body, Method method) {
    return Future.<Void>succeededFuture().compose(v -> {
      RegistryState r = ctx.registry;
      Entity before = new Entity("/", r.registryid(), ctx.nextRegistryEpoch() - 1, r.createdat(), r.modifiedat(),
          r.attributes(), null);
      Entity after = EntityWrite.apply(before, body, method, Shapes.registry(r.model()), "/", r.registryid(), ctx.now);
      RegistryState next = new RegistryState(r.registryid(), after.epoch(), after.createdat(), after.modifiedat(),
          after.attributes(), r.model(), r.capabilities());
      return ctx.tx.updateRegistry(next, r.epoch()).map(x -> {
        ctx.registry = next;
        ctx.registryWritten = true;
        return null;
      });
    });
  }

  private Future<Reply> group(RequestContext ctx, Tree tree, EntityPath target, Operation op) {
    String xid = target.xid();
    switch (op) {
      case READ:
        return tree.find(xid).compose(g -> tree.groupView(target.group(), notFound(g, xid)))
            .map(v -> new Reply.Single(v, false, null, false, ctx.rendering));
      case REPLACE:
      case UPDATE:
        ObjectNode body = Bodies.json(ctx, xid);
        return tree.find(xid).compose(existing -> tree
            .writeGroup(target.group(), target.groupId(), body, op == Operation.REPLACE ? Method.PUT : Method.PATCH)
            .compose(stored -> tree.groupView(target.group(), stored))
            .map(v -> new Reply.Single(v, existing == null, null, false, ctx.rendering)));
      case ADD:
        return postResources(ctx, tree, target, Bodies.json(ctx, xid));
      case DELETE:
        return tree.find(xid).compose(g -> {
          StoredEntity found = notFound(g, xid);
          EntityWrite.checkEpoch(Bodies.epochFlag(ctx), found.entity().epoch(), xid);
          ctx.registryChildrenChanged = true;
          return new ReadonlyResources(ctx).checkGroupDelete(target.group(), found)
              .compose(v -> ctx.tx.delete(found.rowId(), xid)).map(v -> (Reply) new Reply.Deleted());
        });
      default:
        throw AllowedOperations.notSupported(op, xid, AllowedOperations.of(target));
    }
  }

  /**
   * CORE-GRP-007 (http.md "{@code POST /<GROUPS>/<GID>}"): the body is a map of the Group's
   * Resource collections only ({@code resources_only} otherwise); each entry is processed as a
   * {@code POST} to that collection (each Resource upserted with PUT semantics), the Group's own
   * attributes are not touched, and the answer maps each collection to just the Resources processed.
   */
  private Future<Reply> postResources(RequestContext ctx, Tree tree, EntityPath target, ObjectNode body) {
    GroupType g = target.group();
    String xid = target.xid();
    Map<String, Map<String, ObjectNode>> byType = new LinkedHashMap<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (g.resource(name).isEmpty()) {
        throw XRegistryException.of(ErrorType.RESOURCES_ONLY, xid).arg("name", name)
            .detail("POST " + xid + " takes only Resource collections: " + g.resources().keySet()).build();
      }
      byType.put(name, Bodies.map(body.get(name), xid + "/" + name));
    }
    Map<String, List<View>> out = new LinkedHashMap<>();
    return Futures.sequence(byType.entrySet(), e -> {
      ResourceType r = g.resource(e.getKey()).orElseThrow();
      return Futures.sequence(e.getValue().entrySet(), entry -> tree.writeResourceInMap(g, target.groupId(), r,
              entry.getKey(), Method.PUT, w -> w.resource(entry.getValue(), null))
          .compose(w -> w == null ? Future.<View>succeededFuture(null) : tree.writtenView(w)))
          // read-only Resources left out by ?ignore=readonly are not in the answer either (D4)
          .map(views -> out.put(r.plural(), views.stream().filter(java.util.Objects::nonNull).toList()));
    }).map(v -> new Reply.Children(out, ctx.rendering));
  }

  /** CORE-CAP-011 / CORE-REG-004: a capabilities change is an update of the Registry. */
  private static Future<Void> writeCapabilities(RequestContext ctx, JsonNode body, Method method) {
    RegistryState r = ctx.registry;
    ObjectNode next = Capabilities.apply(r.capabilities(), body, method);
    RegistryState updated = new RegistryState(r.registryid(), ctx.nextRegistryEpoch(), r.createdat(), ctx.now,
        r.attributes(), r.model(), next);
    return ctx.tx.updateRegistry(updated, r.epoch()).map(v -> {
      ctx.registry = updated;
      ctx.registryWritten = true;
      return null;
    });
  }

  static StoredEntity notFound(StoredEntity e, String xid) {
    if (e == null) {
      throw XRegistryException.of(ErrorType.NOT_FOUND, xid).build();
    }
    return e;
  }

  private static Future<Reply> document(ObjectNode body) {
    return Future.succeededFuture(new Reply.Document(body));
  }

  private static String trimSlash(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Applies the end-of-request epoch bumps of parents whose collections changed (CORE-COM-007). */
  static final class ParentBumps {
    private final RequestContext ctx;

    ParentBumps(RequestContext ctx) {
      this.ctx = ctx;
    }

    /**
     * Groups first, in xid order (two requests bumping the same Groups lock them in the same
     * order, so they queue instead of deadlocking), then the Registry last: its row is the one
     * every create of a Group touches, so its lock is held for the shortest time possible.
     * Both are increments under a row lock, never a compare with an epoch read earlier, so
     * concurrent writers below them wait for each other instead of failing (issue 13 item 6).
     * A Registry whose own attributes this request wrote already moved its epoch (compared
     * against the one the client saw, CORE-COM-007) and is not bumped again.
     */
    Future<Void> apply() {
      java.util.List<String> groups = ctx.groupsWithChangedChildren.values().stream()
          .filter(xid -> !ctx.groupsWritten.contains(xid)).sorted().toList();
      return Futures.sequence(groups, xid -> ctx.tx.findForUpdate(xid).compose(g -> g == null
              ? Future.<Void>succeededFuture()
              : ctx.tx.update(g.rowId(), g.entity().touched(ctx.now), g.entity().epoch())))
          .compose(v -> ctx.registryChildrenChanged && !ctx.registryWritten
              ? ctx.tx.touchRegistry(ctx.now).<Void>mapEmpty() : Future.<Void>succeededFuture());
    }
  }

  /**
   * {@code ?dryrun} on a write: the request runs completely (every rule, validation and
   * compatibility check, the reply rendered) and is then rolled back instead of committed, so
   * a client learns what the write would answer and nothing changes. Thrown as the last step
   * of the unit of work; {@link #execute} turns it back into the reply.
   */
  private static final class DryRun extends RuntimeException {
    private final transient Reply reply;

    DryRun(Reply reply) {
      super("dry run", null, false, false);
      this.reply = reply;
    }

    static boolean asked(RegistryRequest request, com.fasterxml.jackson.databind.node.ObjectNode capabilities) {
      return request.query().containsKey("dryrun") && Capabilities.flagEnabled(capabilities, "dryrun");
    }
  }
}
