package dev.xreg.storage.content;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OCI repository name ({@code <name>} in the {@code /v2/} paths), validated per OCI-002, and
 * its place in the xRegistry view: {@code /namespaces/<first segment>/images/<rest>} with the
 * rest's {@code '/'} written as {@code '~'}, and single-segment names under the namespace
 * {@value #SINGLE_SEGMENT_NAMESPACE}.
 *
 * <p>Length limits, chosen so that every stored repository has an xRegistry view:
 * <ul>
 *   <li>the whole name is at most {@value #MAX_LENGTH} characters. Clients limit
 *       {@code host/name} to 255; the server cannot know the host clients use, so it enforces the
 *       name alone, as docker-registry does;</li>
 *   <li>the namespace id and the image id are each at most {@value #MAX_ID_LENGTH} characters,
 *       the xRegistry limit for ids. A name such as {@code <200 characters>/x} is valid for
 *       the OCI grammar but would have no xRegistry path, so it is refused as invalid.</li>
 * </ul>
 * Both parts are always valid xRegistry ids: OCI path components start with {@code [a-z0-9]}
 * and use only {@code [a-z0-9._-]}; {@code '~'} never occurs in an OCI name and {@code '_'}
 * alone is not an OCI component, so the mapping is one to one. OCI names are lowercase only, so
 * the case-insensitive uniqueness of xRegistry ids never merges two repositories.
 */
public final class RepositoryName implements Comparable<RepositoryName> {
  public static final int MAX_LENGTH = 255;
  public static final int MAX_ID_LENGTH = 128;
  /** The xRegistry namespace holding repositories whose name has a single path component. */
  public static final String SINGLE_SEGMENT_NAMESPACE = "_";

  private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
  private static final Pattern NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

  private final String value;

  private RepositoryName(String value) {
    this.value = value;
  }

  /** Validates a name as it appears in a {@code /v2/} path. */
  public static RepositoryName parse(String name) {
    if (name == null || name.isEmpty()) {
      throw new NameInvalid("the repository name is empty");
    }
    // The length check comes first so the expression never runs over an arbitrarily long input.
    if (name.length() > MAX_LENGTH) {
      throw new NameInvalid("the repository name is " + name.length() + " characters; at most "
          + MAX_LENGTH + " are allowed");
    }
    if (!NAME.matcher(name).matches()) {
      throw new NameInvalid("invalid repository name '" + name + "': each '/'-separated component "
          + "must be lowercase letters and digits, joined by '.', '_', '__' or dashes");
    }
    RepositoryName parsed = new RepositoryName(name);
    if (parsed.namespaceId().length() > MAX_ID_LENGTH || parsed.imageId().length() > MAX_ID_LENGTH) {
      throw new NameInvalid("invalid repository name '" + name + "': its first component and the rest "
          + "must each be at most " + MAX_ID_LENGTH + " characters");
    }
    return parsed;
  }

  /**
   * The repository shown at {@code /namespaces/<namespaceId>/images/<imageId>}, the inverse of
   * {@link #namespaceId()} and {@link #imageId()}; empty when no repository is shown there
   * (including non-canonical spellings such as {@code _/a~b} for {@code a/b}).
   */
  public static Optional<RepositoryName> fromXRegistry(String namespaceId, String imageId) {
    if (namespaceId == null || imageId == null || imageId.isEmpty()) {
      return Optional.empty();
    }
    String name;
    if (namespaceId.equals(SINGLE_SEGMENT_NAMESPACE)) {
      if (imageId.indexOf('~') >= 0) {
        return Optional.empty();
      }
      name = imageId;
    } else {
      name = namespaceId + "/" + imageId.replace('~', '/');
    }
    try {
      return Optional.of(parse(name));
    } catch (NameInvalid e) {
      return Optional.empty();
    }
  }

  public String value() {
    return value;
  }

  /** The first path component: {@code library} of {@code library/alpine}, {@code alpine} of {@code alpine}. */
  public String firstSegment() {
    int slash = value.indexOf('/');
    return slash < 0 ? value : value.substring(0, slash);
  }

  /** Everything after the first component, empty for a single-segment name. */
  public Optional<String> rest() {
    int slash = value.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(value.substring(slash + 1));
  }

  /** The xRegistry Group id ({@code namespaces}) of this repository. */
  public String namespaceId() {
    return rest().isPresent() ? firstSegment() : SINGLE_SEGMENT_NAMESPACE;
  }

  /** The xRegistry Resource id ({@code images}) of this repository within its namespace. */
  public String imageId() {
    return rest().map(r -> r.replace('/', '~')).orElse(value);
  }

  @Override
  public int compareTo(RepositoryName other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepositoryName other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
