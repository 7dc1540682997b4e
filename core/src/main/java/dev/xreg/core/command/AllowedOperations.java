package dev.xreg.core.command;

import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.path.EntityPath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the HTTP binding (http.md "Registry HTTP APIs") lets a client do at each kind of path,
 * in one place: the engine refuses any other operation with {@code action_not_supported},
 * {@code OPTIONS} lists them, and every 405 names them in {@code Allow} (RFC 9110 15.5.6).
 */
public final class AllowedOperations {
  private static final Set<Operation> ALL = EnumSet.allOf(Operation.class);
  private static final Set<Operation> READ_ONLY = EnumSet.of(Operation.READ);
  private static final Set<Operation> COLLECTION = EnumSet.of(Operation.READ, Operation.ADD, Operation.UPDATE,
      Operation.DELETE);

  private AllowedOperations() {
  }

  /** The operations of a non-entity {@code target} ({@link Target#ENTITY} paths are resolved first, see {@link #of(EntityPath)}). */
  public static Set<Operation> of(Target target) {
    return switch (target) {
      case MODEL, CAPABILITIES_OFFERED, EXPORT -> READ_ONLY;
      case MODEL_SOURCE -> EnumSet.of(Operation.READ, Operation.REPLACE);
      case CAPABILITIES -> EnumSet.of(Operation.READ, Operation.REPLACE, Operation.UPDATE);
      // an alias answers every method with a redirect that keeps it (CORE-COM-003)
      case ALIAS -> ALL;
      case ENTITY -> throw new IllegalArgumentException("an entity path is resolved against the model first");
    };
  }

  /**
   * The operations of a resolved entity path. A document-bearing Resource or Version
   * addressed without {@code $details} takes no PATCH (its {@code xRegistry-} headers already
   * patch, CORE-RES-011), and {@code meta} cannot be deleted on its own (CORE-META-003).
   */
  public static Set<Operation> of(EntityPath path) {
    return switch (path.level()) {
      case REGISTRY -> EnumSet.of(Operation.READ, Operation.REPLACE, Operation.UPDATE, Operation.ADD);
      case GROUPS, RESOURCES, VERSIONS -> COLLECTION;
      case GROUP -> EnumSet.of(Operation.READ, Operation.REPLACE, Operation.UPDATE, Operation.ADD, Operation.DELETE);
      case META -> EnumSet.of(Operation.READ, Operation.REPLACE, Operation.UPDATE);
      case RESOURCE -> withoutPatchOnDocument(path,
          EnumSet.of(Operation.READ, Operation.REPLACE, Operation.UPDATE, Operation.ADD, Operation.DELETE));
      case VERSION -> withoutPatchOnDocument(path,
          EnumSet.of(Operation.READ, Operation.REPLACE, Operation.UPDATE, Operation.DELETE));
    };
  }

  private static Set<Operation> withoutPatchOnDocument(EntityPath path, Set<Operation> ops) {
    if (path.isDocument()) {
      ops.remove(Operation.UPDATE);
    }
    return ops;
  }

  /**
   * The HTTP methods of {@code ops} in the binding's order, as {@code Allow} lists them: HEAD
   * wherever GET is (RFC 9110 9.3.2), and OPTIONS, which every path answers (http.md "HTTP
   * OPTIONS Method").
   */
  public static List<String> methods(Set<Operation> ops) {
    List<String> out = new ArrayList<>();
    for (Operation op : Operation.values()) {
      if (ops.contains(op)) {
        out.add(op.method());
        if (op == Operation.READ) {
          out.add("HEAD");
        }
      }
    }
    out.add("OPTIONS");
    return out;
  }

  /** Throws {@code action_not_supported} naming the allowed methods unless {@code allowed} has {@code op}. */
  public static void require(Operation op, String subject, Set<Operation> allowed) {
    if (!allowed.contains(op)) {
      throw notSupported(op, subject, allowed);
    }
  }

  /** {@code action_not_supported} for {@code op} on {@code subject}, with the {@code Allow} list of {@code allowed}. */
  public static XRegistryException notSupported(Operation op, String subject, Set<Operation> allowed) {
    return XRegistryException.notSupported(op.method(), subject, methods(allowed).toArray(String[]::new));
  }

  /** {@code details_required} (a 405 too), with the {@code Allow} list of the document URL. */
  public static XRegistryException detailsRequired(EntityPath path) {
    return XRegistryException.of(ErrorType.DETAILS_REQUIRED, path.xid())
        .allow(methods(of(path)).toArray(String[]::new)).build();
  }
}
