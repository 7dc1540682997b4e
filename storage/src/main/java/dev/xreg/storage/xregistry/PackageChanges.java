package dev.xreg.storage.xregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Json;
import dev.xreg.core.entity.Entity;
import dev.xreg.core.entity.Timestamps;
import dev.xreg.core.write.DocumentInput;
import dev.xreg.core.write.ResourceWrite;
import dev.xreg.storage.engine.EngineFailure;
import dev.xreg.storage.engine.FailureKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What differs between an App Registry package and its Resource in the view ({@link CnrView}):
 * the releases to write (new, or whose index digest moved: a forced push, a media type added or
 * deleted), the Versions to delete, whether the channels changed and whether the default moved.
 * Unchanged releases are left alone, so they keep their epochs.
 *
 * @param written releases to write as Versions
 * @param deleted Version IDs that are no longer releases
 * @param channelsMoved the channels differ from meta's {@code channels}
 * @param defaultMoved the highest release is not the default Version
 */
record PackageChanges(PackageVersions pkg, List<ReleaseVersion> written, List<String> deleted,
    boolean channelsMoved, boolean defaultMoved) {
  static final String CHANNELS = "channels";

  /**
   * Compares {@code pkg} with the Resource's meta and Versions as stored (meta null: no Resource yet).
   *
   * @throws EngineFailure (invalid) when two releases differ only by case: xRegistry IDs are
   *     unique ignoring case
   */
  static PackageChanges of(PackageVersions pkg, Entity meta, List<Entity> versions) {
    Map<String, String> shownDigests = new HashMap<>();
    versions.forEach(v -> shownDigests.put(v.id(), v.text("digest")));
    List<ReleaseVersion> written = new ArrayList<>();
    Map<String, String> byLowerCase = new HashMap<>();
    for (ReleaseVersion r : pkg.releases()) {
      String other = byLowerCase.put(r.release().toLowerCase(Locale.ROOT), r.release());
      if (other != null) {
        throw caseClash(pkg, r.release(), other);
      }
      if (!r.digest().equals(shownDigests.get(r.release()))) {
        written.add(r);
      }
    }
    Set<String> releases = pkg.releases().stream().map(ReleaseVersion::release).collect(Collectors.toSet());
    List<String> deleted = versions.stream().map(Entity::id).filter(id -> !releases.contains(id)).sorted().toList();
    JsonNode shownChannels = meta == null ? null : meta.attributes().get(CHANNELS);
    boolean channelsMoved = !channels(pkg).equals(shownChannels == null || shownChannels.isNull()
        ? Json.object() : shownChannels);
    String defaultShown = meta == null ? null : meta.text("defaultversionid");
    boolean defaultMoved = pkg.defaultRelease() != null && !pkg.defaultRelease().equals(defaultShown);
    return new PackageChanges(pkg, written, deleted, channelsMoved, defaultMoved);
  }

  boolean none() {
    return written.isEmpty() && deleted.isEmpty() && !channelsMoved && !defaultMoved;
  }

  /** The changes as steps of one PATCH of the Resource; {@code now} is a Version's createdat when unknown. */
  ResourceWrite apply(ResourceWrite w, Instant now) {
    written.forEach(r -> w.version(r.release(), Json.object(), document(r, now)));
    deleted.forEach(w::deleteVersion); // the last one gone deletes the package (A9)
    if (pkg.releases().isEmpty()) {
      return w;
    }
    if (channelsMoved) {
      ObjectNode body = Json.object();
      ObjectNode channels = channels(pkg);
      if (channels.isEmpty()) {
        body.putNull(CHANNELS);
      } else {
        body.set(CHANNELS, channels);
      }
      w.meta(body);
    }
    // the highest release by the App Registry's semver order, whatever core's own order says
    return w.setDefaultVersion(pkg.defaultRelease());
  }

  private static ObjectNode channels(PackageVersions pkg) {
    ObjectNode out = Json.object();
    pkg.channels().forEach(out::put);
    return out;
  }

  /** The index as a document-mode write: the bytes, the media type, the attributes as headers would give them. */
  static DocumentInput document(ReleaseVersion r, Instant now) {
    ObjectNode a = Json.object();
    a.put("digest", r.digest());
    a.put("size", (long) r.index().length);
    a.put("mediatype", r.mediaType());
    ObjectNode types = a.putObject("mediatypes");
    for (ReleaseVersion.Content c : r.content()) {
      ObjectNode t = types.putObject(c.mediaType());
      t.put("digest", c.digest());
      t.put("size", c.size());
      t.put("blobdigest", c.blobDigest());
      t.put("manifestdigest", c.manifestDigest());
      if (c.metadata() != null) {
        t.set("metadata", Json.parseTrusted(c.metadata()));
      }
    }
    a.put("createdat", Timestamps.format(r.createdAt() == null ? now : r.createdAt()));
    return new DocumentInput(r.index(), r.mediaType(), a);
  }

  private static EngineFailure caseClash(PackageVersions pkg, String release, String existing) {
    return new EngineFailure(FailureKind.INVALID, pkg.name().value(), "release '" + release + "' differs only in"
        + " case from the release '" + existing + "' of " + pkg.name() + ": the xRegistry view (model cnr) shows"
        + " releases as Version IDs, which are unique ignoring case; choose another release name", null);
  }
}
