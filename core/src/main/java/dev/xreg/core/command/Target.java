package dev.xreg.core.command;

/**
 * The kinds of thing an xRegistry request addresses (spec.md "Registry APIs"): the entity
 * tree, the model views, the capabilities, the export document and a {@code shortself}
 * alias. The API module picks the target from the path; the engine resolves an
 * {@link #ENTITY} path against the current model inside its transaction.
 */
public enum Target {
  /** The Registry, a Group/Resource/Version collection or entity, a {@code meta}. */
  ENTITY,
  /** {@code /model}: the full model, read-only. */
  MODEL,
  /** {@code /modelsource}: the model as supplied. */
  MODEL_SOURCE,
  /** {@code /capabilities}. */
  CAPABILITIES,
  /** {@code /capabilitiesoffered}: what this server can do, read-only. */
  CAPABILITIES_OFFERED,
  /** {@code /export}: the whole registry as one document. */
  EXPORT,
  /** {@code /-/<code>...}: a {@code shortself} alias to follow (CORE-COM-003). */
  ALIAS;

  /**
   * The target of a path below the registry root (a trailing slash is ignored): the
   * fixed names of the spec's Registry APIs, {@code /-/...} aliases, else the entity tree.
   */
  public static Target of(String path) {
    String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return switch (p) {
      case "/model" -> MODEL;
      case "/modelsource" -> MODEL_SOURCE;
      case "/capabilities" -> CAPABILITIES;
      case "/capabilitiesoffered" -> CAPABILITIES_OFFERED;
      case "/export" -> EXPORT;
      default -> p.startsWith(dev.xreg.core.render.ShortSelf.PREFIX) ? ALIAS : ENTITY;
    };
  }
}
