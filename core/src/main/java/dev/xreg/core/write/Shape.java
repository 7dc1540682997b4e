package dev.xreg.core.write;

import dev.xreg.core.model.AttributeSet;
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

  public Shape(String singular, Set<String> idAttributes, Set<String> settable, Set<String> ignored,
      Set<String> nested, AttributeSet extensions) {
    this(singular, idAttributes, settable, ignored, nested, extensions, null);
  }
}
