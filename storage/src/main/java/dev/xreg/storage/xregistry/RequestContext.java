package dev.xreg.storage.xregistry;

import dev.xreg.storage.engine.Deadline;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.entity.RegistryState;
import dev.xreg.storage.StoreTx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-request state inside one transaction: the single "now" (CORE-COM-010), the
 * registry as read at the start, and the parents whose collections changed, so that
 * each is bumped once at the end (CORE-COM-007).
 */
final class RequestContext {
  final StoreTx tx;
  final RegistryRequest request;
  final Instant now;
  private final long registryEpochAtStart;
  RegistryState registry;
  /** How the reply is rendered; set once the target path is known. */
  dev.xreg.core.render.Rendering rendering = dev.xreg.core.render.Rendering.PLAIN;
  /** How many more entities inlining may add to the reply (CORE-INL-006). */
  InlineBudget inlineBudget = InlineBudget.unlimited();
  /** The {@code ?filter} flag as it applies below the entity a GET targets (OFF otherwise). */
  Subfilter filter = Subfilter.OFF;
  /** The {@code ?ignore} flag, applied to every body this request reads. */
  final dev.xreg.core.flag.Ignore ignore;
  /** The entity path the request targets, once parsed; null for /model, /capabilities and the like. */
  dev.xreg.core.path.EntityPath target;
  boolean registryChildrenChanged;
  /** The Registry entity itself was written (its epoch already moved). */
  boolean registryWritten;
  /** Group row id -> xid, for Groups that gained or lost a Resource. */
  final Map<Long, String> groupsWithChangedChildren = new LinkedHashMap<>();
  /** Group xids written directly in this request (already bumped by their own write). */
  final java.util.Set<String> groupsWritten = new java.util.HashSet<>();
  /** Message and endpoint writes, checked at the end of the request (message/endpoint specs). */
  final DomainChecks domainChecks = new DomainChecks();
  /**
   * A Resource's Group and locked meta row as {@link ConditionalWrites} read them before anything
   * was written: the Resource write that follows takes them from here (once) instead of reading
   * and locking them again (issue 15, W2). Null when nothing was read ahead.
   */
  ResourceRows readAhead;
  /** Resources written, checked at the end against the Groups whose xrefs show them (CORE-XREF-007). */
  final XrefTargetChecks xrefTargets = new XrefTargetChecks();

  /**
   * The OCI or App Registry store writes this request, to mirror a push or a delete into its
   * xRegistry view (OciView, CnrView); the rule that clients may change only labels and
   * description there (ViewWrites) does not apply to it.
   */
  boolean viewWriter;
  /** The OCI view a model change fills or removes; set by the executor. */
  OciView ociView;
  /** The App Registry view a model change fills or removes; set by the executor. */
  CnrView cnrView;

  /** Where schema checks run and within which limits; set by the executor. */
  Validation validation = Validation.inline(dev.xreg.core.format.ValidationLimits.DEFAULTS);

  /** How much of the tree a read loads (streamed replies leave inlined collections out). */
  final ReadScope scope;

  private final Deadline deadline;

  /** The spooled body of an import ({@code PUT /} or {@code POST /}), read as a stream; null otherwise. */
  java.nio.file.Path importBody;

  RequestContext(StoreTx tx, RegistryRequest request, RegistryState registry, Instant now, ReadScope scope,
      Deadline deadline) {
    this.tx = tx;
    this.scope = scope;
    this.deadline = deadline;
    this.request = request;
    this.registry = registry;
    this.now = now;
    this.registryEpochAtStart = registry.epoch();
    this.ignore = dev.xreg.core.flag.Ignore.parse(request, registry.capabilities());
  }

  /** Fails the request (rolling it back) once it has run past its time; called per entity written. */
  void checkDeadline() {
    deadline.check();
  }

  /** The Registry's epoch after this request: one more than at its start, however many parts changed. */
  long nextRegistryEpoch() {
    return registryEpochAtStart + 1;
  }

  /**
   * A Resource's Group (null: missing) and meta row (null: missing; read {@code FOR UPDATE}) as
   * read together by {@link dev.xreg.storage.StoreTx#findAndLock}.
   */
  record ResourceRows(String groupXid, dev.xreg.storage.StoredEntity group, String metaXid,
      dev.xreg.storage.StoredEntity meta) {
    static io.vertx.core.Future<ResourceRows> read(dev.xreg.storage.StoreTx tx, String groupXid, String resourceXid) {
      String metaXid = resourceXid + "/meta";
      return tx.findAndLock(groupXid, metaXid).map(rows -> new ResourceRows(groupXid, rows.get(groupXid), metaXid,
          rows.get(metaXid)));
    }
  }
}
