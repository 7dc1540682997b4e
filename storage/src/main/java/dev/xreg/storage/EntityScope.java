package dev.xreg.storage;

import dev.xreg.core.flag.Filter.Expression;
import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import dev.xreg.core.path.EntityPath;
import java.util.List;

/**
 * The entities a predicate or sort is evaluated on: the Registry, the Groups of one type,
 * the Resources of one type, or their Versions. {@code model} is only needed at the Registry.
 */
public record EntityScope(Kind kind, GroupType group, ResourceType resource, Model model) {
  /** What the rows of a scope are. */
  public enum Kind { REGISTRY, GROUP, RESOURCE, VERSION }

  public EntityScope(Kind kind, GroupType group, ResourceType resource) {
    this(kind, group, resource, null);
  }

  /** The entities a request path addresses: a collection's members, or the entity itself. */
  public static EntityScope of(EntityPath target, Model model) {
    return switch (target.level()) {
      case GROUPS, GROUP -> new EntityScope(Kind.GROUP, target.group(), null);
      case RESOURCES, RESOURCE, META -> new EntityScope(Kind.RESOURCE, target.group(), target.resource());
      case VERSIONS, VERSION -> new EntityScope(Kind.VERSION, target.group(), target.resource());
      case REGISTRY -> new EntityScope(Kind.REGISTRY, null, null, model);
    };
  }

  public static EntityScope of(EntityPath target) {
    return of(target, null);
  }

  public static EntityScope registry(Model model) {
    return new EntityScope(Kind.REGISTRY, null, null, model);
  }

  /** The scope of the entities in this level's nested collection {@code name}, or null if there is none. */
  public EntityScope child(String name) {
    return switch (kind) {
      case REGISTRY -> model.group(name).map(g -> new EntityScope(Kind.GROUP, g, null)).orElse(null);
      case GROUP -> group.resource(name).map(r -> new EntityScope(Kind.RESOURCE, group, r)).orElse(null);
      case RESOURCE -> "versions".equals(name) ? new EntityScope(Kind.VERSION, group, resource) : null;
      case VERSION -> null;
    };
  }

  /** The names of this level's nested collections. */
  public List<String> collections() {
    return switch (kind) {
      case REGISTRY -> List.copyOf(model.groups().keySet());
      case GROUP -> List.copyOf(group.resources().keySet());
      case RESOURCE -> List.of("versions");
      case VERSION -> List.of();
    };
  }

  /** The nested collection an expression steps into first, or null when it is about this entity. */
  public String hop(Expression x) {
    String first = x.path().get(0).plainName();
    return first != null && x.path().size() > 1 && child(first) != null ? first : null;
  }
}
