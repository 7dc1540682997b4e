package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.write.DocumentInput;
import dev.xreg.core.write.Method;
import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.StoreTx;
import dev.xreg.storage.content.ManifestInvalid;
import dev.xreg.storage.content.RepositoryName;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xRegistry view of OCI content (built-in model {@code oci}, docs/oci.md "xRegistry view"):
 * repository {@code a/b/c} is the Resource {@code /namespaces/a/images/b~c}, each tag a Version
 * whose document is the manifest. The OCI store calls this inside the transaction of the push or
 * delete, so the view changes with the OCI tables or not at all; it writes through {@link Tree}
 * and the Resource write algorithm like any xRegistry request, so epochs, {@code modifiedat},
 * parent bumps and the change log move exactly as for a client's write.
 *
 * <p>Nothing is written when the registry's model has no {@code namespaces/images}: the view
 * costs nothing unless the model is on. A model change that adds it fills the view from the OCI
 * tables in the same transaction ({@link #backfill}); one that removes it removes the view
 * ({@link ContentView#drop}). Repositories that are App Registry packages are not images: the
 * OCI store leaves their tags out, and {@link CnrView} shows them as packages.
 */
public final class OciView extends ContentView {
  static final String RESOURCES = "images";
  /** The tag that is the default Version while it exists (else the newest, by createdat). */
  static final String LATEST = "latest";
  /** Valid OCI tags that xRegistry reserves as Version IDs (spec.md "versionid"). */
  private static final Set<String> RESERVED_IDS = Set.of("null", "request");
  private static final Logger LOG = LoggerFactory.getLogger(OciView.class);

  /** A source of every tag the OCI tables hold, read on the transaction's own connection. */
  public interface Tags {
    /** Up to {@code limit} tags after ({@code repository}, {@code tag}) in that byte order; "" starts. */
    Future<List<RepositoryTag>> after(StoreTx tx, String repository, String tag, int limit);
  }

  /** One tag of one repository, as a backfill reads it. */
  public record RepositoryTag(RepositoryName repository, ImageVersion version) {
  }

  /** No OCI tables to read from: model changes add an empty view (tests, engines without OCI). */
  public static final Tags NO_TAGS = (tx, repository, tag, limit) -> Future.succeededFuture(List.of());

  private final Tags tags;

  public OciView(StorageOptions options, Tags tags) {
    super(options, RESOURCES);
    this.tags = tags;
  }

  /**
   * The tag {@code version.tag()} of {@code repository} now names {@code version}'s manifest.
   * A tag that differs from an existing one only by case fails with {@link ManifestInvalid}:
   * xRegistry IDs are unique ignoring case, OCI tags are not.
   */
  public Future<Void> tagged(StoreTx tx, RepositoryName repository, ImageVersion version,
      Supplier<Future<Boolean>> isPackage) {
    String xid = resourceXid(repository);
    boolean reserved = RESERVED_IDS.contains(version.tag());
    // asked only while the view is on: an App Registry package's repository is never an image
    return inView(tx, xid, false, (ctx, tree) -> isPackage.get().compose(pkg -> pkg ? Future.succeededFuture(false)
        : tree.findResource(xid).compose(meta -> reserved
            ? Future.failedFuture(new ManifestInvalid("the tag '" + version.tag() + "' is a reserved word of the"
                + " xRegistry view (model oci), where tags are Version IDs; choose another tag"))
            : meta == null
            ? Future.succeededFuture(true)
            : tx.find(xid + "/" + VERSIONS + "/" + version.tag()).compose(existing -> {
              if (existing != null && version.digest().equals(existing.entity().text("digest"))) {
                return Future.succeededFuture(false); // the same manifest again: nothing moved
              }
              return tx.siblingIdIgnoringCase(meta.rowId(), VERSIONS, version.tag()).map(other -> {
                if (other != null && !other.equals(version.tag())) {
                  throw caseClash(repository, version.tag(), other);
                }
                return true;
              });
            })))
        .compose(changed -> changed ? write(ctx, tree, repository, List.of(version)) : Future.succeededFuture()));
  }

  /** The {@code tags} of {@code repository} are gone (a tag delete, or a manifest delete and its tags). */
  public Future<Void> untagged(StoreTx tx, RepositoryName repository, Collection<String> tags) {
    if (tags.isEmpty()) {
      return Future.succeededFuture();
    }
    String xid = resourceXid(repository);
    List<String> versionXids = tags.stream().map(t -> xid + "/" + VERSIONS + "/" + t).toList();
    return inView(tx, xid, false, (ctx, tree) -> tx.findAll(versionXids).compose(found -> {
      List<String> shown = tags.stream().filter(t -> found.containsKey(xid + "/" + VERSIONS + "/" + t)).toList();
      if (shown.isEmpty()) {
        return Future.succeededFuture();
      }
      return tree.writeResource(group(ctx), repository.namespaceId(), resourceType(ctx.registry.model()),
          repository.imageId(), Method.PATCH, w -> {
            shown.forEach(w::deleteVersion); // the last one gone deletes the image (A9)
            return w;
          }).mapEmpty();
    }));
  }

  /**
   * Fills the view from the OCI tables after a model change that added it, in the model
   * change's transaction: every tag, repository by repository, {@value #PAGE} tags per query.
   * Of tags that differ only by case, the first in byte order is shown and the others are
   * logged (they were pushed while the view was off).
   */
  @Override
  Future<Void> backfill(RequestContext request) {
    // the model request moves the Registry's epoch itself: touching it here would fail its own update
    return inView(request.tx, "/" + GROUPS, true, (ctx, tree) -> page(ctx, tree, "", "", new Batch()));
  }

  private Future<Void> page(RequestContext ctx, Tree tree, String afterRepository, String afterTag, Batch batch) {
    return tags.after(ctx.tx, afterRepository, afterTag, PAGE).compose(rows -> {
      Future<Void> f = Future.succeededFuture();
      for (RepositoryTag row : rows) {
        if (!row.repository().equals(batch.repository)) {
          List<ImageVersion> done = batch.start(row.repository());
          RepositoryName of = batch.previous;
          f = f.compose(v -> write(ctx, tree, of, done));
        }
        batch.add(row.version());
      }
      if (rows.size() < PAGE) {
        List<ImageVersion> rest = batch.start(null);
        RepositoryName of = batch.previous;
        return f.compose(v -> write(ctx, tree, of, rest));
      }
      RepositoryTag last = rows.get(rows.size() - 1);
      return f.compose(v -> page(ctx, tree, last.repository().value(), last.version().tag(), batch));
    });
  }

  /** The tags of one repository met so far by a backfill, without the ones that clash by case. */
  private static final class Batch {
    RepositoryName repository;
    RepositoryName previous;
    private List<ImageVersion> versions = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    /** Starts the next repository; returns the finished one's tags ({@link #previous} names it). */
    List<ImageVersion> start(RepositoryName next) {
      List<ImageVersion> done = versions;
      previous = repository;
      repository = next;
      versions = new ArrayList<>();
      seen.clear();
      return done;
    }

    void add(ImageVersion v) {
      if (RESERVED_IDS.contains(v.tag())) {
        LOG.warn("event=oci_view_tag_skipped repository={} tag={} reason=reserved_id", repository, v.tag());
      } else if (seen.add(v.tag().toLowerCase(Locale.ROOT))) {
        versions.add(v);
      } else {
        LOG.warn("event=oci_view_tag_skipped repository={} tag={} reason=differs_only_in_case", repository,
            v.tag());
      }
    }
  }

  /** Writes the Versions of one image (created or moved tags), "latest" made the sticky default. */
  private Future<Void> write(RequestContext ctx, Tree tree, RepositoryName repository,
      List<ImageVersion> versions) {
    if (repository == null || versions.isEmpty()) {
      return Future.succeededFuture();
    }
    return tree.writeResource(group(ctx), repository.namespaceId(), resourceType(ctx.registry.model()),
        repository.imageId(), Method.PATCH, w -> {
          for (ImageVersion v : versions) {
            w.version(v.tag(), Json.object(), document(v, ctx));
            if (LATEST.equals(v.tag())) {
              w.setDefaultVersion(LATEST);
            }
          }
          return w;
        }).mapEmpty();
  }

  /** The manifest as a document-mode write: the bytes, the media type, the attributes as headers would give them. */
  private static DocumentInput document(ImageVersion v, RequestContext ctx) {
    ObjectNode a = Json.object();
    a.put("digest", v.digest());
    a.put("size", (long) v.content().length);
    a.put("mediatype", v.mediaType());
    putOrNull(a, "artifacttype", v.artifactType());
    putOrNull(a, "subject", v.subject());
    if (v.annotations().isEmpty()) {
      a.putNull("annotations");
    } else {
      ObjectNode map = a.putObject("annotations");
      v.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> map.put(e.getKey(), e.getValue()));
    }
    // A moved tag is a new Version of the image for "newest" (versionmode createdat).
    a.put("createdat", Timestamps.format(v.taggedAt() == null ? ctx.now : v.taggedAt()));
    return new DocumentInput(v.content(), v.mediaType(), a);
  }

  private static void putOrNull(ObjectNode a, String name, String value) {
    if (value == null) {
      a.putNull(name);
    } else {
      a.put(name, value);
    }
  }

  private String resourceXid(RepositoryName repository) {
    return resourceXid(repository.namespaceId(), repository.imageId());
  }

  private static ManifestInvalid caseClash(RepositoryName repository, String tag, String existing) {
    return new ManifestInvalid("the tag '" + tag + "' differs only in case from the existing tag '" + existing
        + "' of " + repository + ": the xRegistry view (model oci) shows tags as Version IDs, which are unique"
        + " ignoring case; push to '" + existing + "' or choose another tag");
  }
}
