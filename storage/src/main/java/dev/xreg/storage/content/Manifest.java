package dev.xreg.storage.content;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.core.Json;
import dev.xreg.core.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pushed manifest or index, checked per OCI-018 and reduced to what the registry acts on: the
 * blobs and manifests it references, its {@code subject} (referrers, OCI-019/023), its
 * {@code artifactType} and annotations. The pushed bytes themselves are stored by the caller
 * exactly as received; this object never re-serialises them.
 *
 * <p>The kind comes from the request's {@code Content-Type}. A {@code mediaType} field, when
 * present, must equal it (required for the Docker types, whose specification makes it
 * mandatory). A push with no {@code Content-Type}, or plain {@code application/json}, is read as
 * the kind its {@code mediaType} field names, as docker-registry does; without either the
 * content cannot be identified and is refused.
 */
public final class Manifest {
  /** The largest manifest accepted (OCI-018: "support at least 4 MiB"); larger pushes get 413. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private final ManifestKind kind;
  private final long size;
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final List<Descriptor> manifests;
  private final Descriptor subject;
  private final String artifactType;
  private final Map<String, String> annotations;

  private Manifest(ManifestKind kind, long size, Descriptor config, List<Descriptor> layers,
      List<Descriptor> manifests, Descriptor subject, String artifactType, Map<String, String> annotations) {
    this.kind = kind;
    this.size = size;
    this.config = config;
    this.layers = List.copyOf(layers);
    this.manifests = List.copyOf(manifests);
    this.subject = subject;
    this.artifactType = artifactType == null || artifactType.isEmpty() ? null : artifactType;
    this.annotations = annotations;
  }

  /**
   * Parses the exact pushed bytes.
   *
   * @param contentType the request's {@code Content-Type}, parameters allowed; may be null
   * @throws ManifestTooLarge over {@link #MAX_BYTES}
   * @throws ManifestInvalid  anything else wrong, with a detail naming the offending field
   */
  public static Manifest parse(byte[] bytes, String contentType) {
    if (bytes == null || bytes.length == 0) {
      throw new ManifestInvalid("the manifest is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new ManifestTooLarge(bytes.length);
    }
    JsonNode root = readJson(bytes);
    if (!root.isObject()) {
      throw new ManifestInvalid("the manifest must be a JSON object");
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 2) {
      throw new ManifestInvalid("schemaVersion must be the number 2");
    }
    ManifestKind kind = kind(root, MediaTypes.base(contentType));
    return kind.isIndex() ? index(root, kind, bytes.length) : image(root, kind, bytes.length);
  }

  private static JsonNode readJson(byte[] bytes) {
    try {
      // The project's strict mapper: a duplicated key is refused rather than silently resolved,
      // so no two readers of the same bytes can disagree about what they reference.
      JsonNode root = Json.MAPPER.readTree(bytes);
      if (root == null || root.isMissingNode()) {
        throw new ManifestInvalid("the manifest is empty");
      }
      return root;
    } catch (JacksonException e) {
      throw new ManifestInvalid("the manifest is not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ManifestInvalid("the manifest is not readable JSON");
    }
  }

  private static ManifestKind kind(JsonNode root, String contentType) {
    String declared = Descriptor.text(root, "mediaType", "manifest", false);
    if (contentType.isEmpty() || contentType.equals("application/json")) {
      return ManifestKind.of(declared).orElseThrow(() -> new ManifestInvalid(declared == null
          ? "the manifest media type is unknown: send it as Content-Type or in the mediaType field"
          : "unsupported manifest media type '" + ContentInvalid.shorten(declared) + "'"));
    }
    ManifestKind kind = ManifestKind.of(contentType).orElseThrow(
        () -> new ManifestInvalid("unsupported manifest media type '" + ContentInvalid.shorten(contentType) + "'"));
    if (declared == null && !kind.isOci()) {
      throw new ManifestInvalid("mediaType is required in a " + kind.mediaType() + " manifest");
    }
    if (declared != null && !declared.equalsIgnoreCase(contentType)) {
      throw new ManifestInvalid("mediaType '" + ContentInvalid.shorten(declared) + "' does not match the Content-Type '"
          + contentType + "'");
    }
    return kind;
  }

  private static Manifest image(JsonNode root, ManifestKind kind, long size) {
    // A document that is both an image and an index could be read differently by different
    // clients (CVE-2021-41190); refuse the ambiguity.
    if (root.has("manifests")) {
      throw new ManifestInvalid("an image manifest must not have a manifests field");
    }
    Descriptor config = Descriptor.read(root.get("config"), "config");
    List<Descriptor> layers = descriptors(root, "layers");
    return withOciFields(root, kind, size, config, layers, List.of());
  }

  private static Manifest index(JsonNode root, ManifestKind kind, long size) {
    if (root.has("config") || root.has("layers")) {
      throw new ManifestInvalid("an index must not have config or layers fields");
    }
    return withOciFields(root, kind, size, null, List.of(), descriptors(root, "manifests"));
  }

  /** The Docker types define no subject, artifactType or annotations: those fields are ignored there. */
  private static Manifest withOciFields(JsonNode root, ManifestKind kind, long size, Descriptor config,
      List<Descriptor> layers, List<Descriptor> manifests) {
    if (!kind.isOci()) {
      return new Manifest(kind, size, config, layers, manifests, null, null, Map.of());
    }
    JsonNode s = root.get("subject");
    Descriptor subject = s == null || s.isNull() ? null : Descriptor.read(s, "subject");
    String artifactType = Descriptor.text(root, "artifactType", "manifest", false);
    if (artifactType != null && !artifactType.isEmpty() && !Descriptor.isMediaType(artifactType)) {
      throw new ManifestInvalid("artifactType '" + ContentInvalid.shorten(artifactType) + "' is not a media type");
    }
    Map<String, String> annotations = Descriptor.annotations(root.get("annotations"), "annotations");
    return new Manifest(kind, size, config, layers, manifests, subject, artifactType, annotations);
  }

  private static List<Descriptor> descriptors(JsonNode root, String field) {
    JsonNode array = root.get(field);
    if (array == null || !array.isArray()) {
      throw new ManifestInvalid(field + " must be an array of descriptors");
    }
    List<Descriptor> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(Descriptor.read(array.get(i), field + "[" + i + "]"));
    }
    return list;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public ManifestKind kind() {
    return kind;
  }

  /** The media type to store and to answer with as {@code Content-Type} (OCI-003), without parameters. */
  public String mediaType() {
    return kind.mediaType();
  }

  /** The number of pushed bytes. */
  public long size() {
    return size;
  }

  /** The config blob of an image manifest; empty for an index. */
  public Optional<Descriptor> config() {
    return Optional.ofNullable(config);
  }

  /** The layers of an image manifest; empty for an index. */
  public List<Descriptor> layers() {
    return layers;
  }

  /** The child manifests of an index; empty for an image manifest. */
  public List<Descriptor> manifests() {
    return manifests;
  }

  /**
   * The blobs this manifest needs in its repository: config then layers. Descriptors with
   * {@link Descriptor#urls()} may be foreign layers the registry never stores.
   */
  public List<Descriptor> blobs() {
    if (config == null) {
      return layers;
    }
    List<Descriptor> blobs = new ArrayList<>(layers.size() + 1);
    blobs.add(config);
    blobs.addAll(layers);
    return List.copyOf(blobs);
  }

  /** The manifest this one refers to; it need not exist (OCI-018: a missing subject is accepted). */
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  public Optional<String> subjectDigest() {
    return subject().map(Descriptor::digest);
  }

  /**
   * The artifact type as the referrers API reports it (OCI-023): the {@code artifactType} field,
   * else for an image manifest its config's media type, else (an index) none.
   */
  public Optional<String> artifactType() {
    if (artifactType != null) {
      return Optional.of(artifactType);
    }
    return config().map(Descriptor::mediaType);
  }

  /** The top-level annotations (OCI types only), in pushed order. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /**
   * This manifest as a referrer: the descriptor the referrers index lists for it (OCI-023).
   *
   * @param digest the digest of the pushed bytes, computed by the caller
   */
  public Descriptor descriptor(String digest) {
    return new Descriptor(mediaType(), digest, size, artifactType().orElse(null), annotations, List.of());
  }
}
