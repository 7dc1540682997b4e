package dev.xreg.core.write;

import dev.xreg.core.model.AttributeSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Which attributes an entity level accepts in a request: the client-settable spec
 * attributes, the read-only ones that are silently ignored (CORE-ATTR-006), the ID
 * attributes that must match (a Version's {@code <RESOURCE>id}, its {@code parentIdAttribute},
 * must match its Resource), the nested collections that the caller handles, and the
 * model's extensions.
 */
public record Shape(
    String singular, Set<String> idAttributes, Set<String> settable, Set<String> ignored, Set<String> nested,
    AttributeSet extensions, String parentIdAttribute) {

  /** Spec attributes the write algorithm sets itself, whatever a restating modelsource says. */
  private static final Set<String> SERVER_SET = Set.of("epoch", "createdat", "modifiedat");

  public Shape {
    Set<String> own = new HashSet<>(SERVER_SET);
    own.addAll(idAttributes);
    own.addAll(ignored);
    own.addAll(nested);
    extensions = extensions.without(own);
  }

  public Shape(String singular, Set<String> idAttributes, Set<String> settable, Set<String> ignored,
      Set<String> nested, AttributeSet extensions) {
    this(singular, idAttributes, settable, ignored, nested, extensions, null);
  }
}
