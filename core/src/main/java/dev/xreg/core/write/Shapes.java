package dev.xreg.core.write;

import dev.xreg.core.model.GroupType;
import dev.xreg.core.model.Model;
import dev.xreg.core.model.ResourceType;
import java.util.HashSet;
import java.util.Set;

/** The {@link Shape} of each entity level, derived from the model. */
public final class Shapes {
  private static final Set<String> COMMON_READONLY = Set.of("self", "shortself", "xid", "epoch");
  private static final Set<String> DESCRIPTIVE = Set.of("name", "description", "documentation", "icon", "labels");

  private Shapes() {
  }

  public static Shape registry(Model model) {
    Set<String> nested = new HashSet<>(Set.of("capabilities", "model", "modelsource"));
    Set<String> ignored = new HashSet<>(COMMON_READONLY);
    ignored.add("specversion");
    for (GroupType g : model.groups().values()) {
      nested.add(g.plural());
      ignored.add(g.plural() + "url");
      ignored.add(g.plural() + "count");
    }
    return new Shape("registry", Set.of("registryid"), DESCRIPTIVE, ignored, nested, model.registryAttributes());
  }

  public static Shape group(GroupType g) {
    Set<String> settable = new HashSet<>(DESCRIPTIVE);
    settable.add("deprecated");
    settable.add("constraints");
    Set<String> nested = new HashSet<>();
    Set<String> ignored = new HashSet<>(COMMON_READONLY);
    for (ResourceType r : g.resources().values()) {
      nested.add(r.plural());
      ignored.add(r.plural() + "url");
      ignored.add(r.plural() + "count");
    }
    return new Shape(g.singular(), Set.of(g.idAttribute()), settable, ignored, nested, g.attributes());
  }

  /** A Version, and the default-Version layer of a Resource. */
  public static Shape version(ResourceType r) {
    Set<String> settable = new HashSet<>(DESCRIPTIVE);
    settable.add("ancestorid");
    settable.add("contenttype");
    settable.add("format");
    Set<String> ignored = new HashSet<>(COMMON_READONLY);
    ignored.addAll(Set.of("isdefault", "formatvalidated", "formatvalidatedreason", "compatibilityvalidated",
        "compatibilityvalidatedreason", "metaurl", "versionsurl", "versionscount"));
    Set<String> nested = new HashSet<>(Set.of("meta", "versions"));
    if (r.hasDocument()) {
      nested.addAll(Set.of(r.documentAttribute(), r.documentBase64Attribute(), r.documentUrlAttribute()));
    }
    return new Shape(r.singular(), Set.of(r.idAttribute(), "versionid"), settable, ignored, nested,
        r.versionAttributes(), r.idAttribute());
  }

  public static Shape meta(ResourceType r) {
    Set<String> settable = Set.of("labels", "xref", "compatibility", "deprecated", "defaultversionid",
        "defaultversionsticky");
    Set<String> ignored = new HashSet<>(COMMON_READONLY);
    ignored.addAll(Set.of("readonly", "defaultversionurl"));
    return new Shape("meta", Set.of(r.idAttribute()), settable, ignored, Set.of(), r.metaAttributes());
  }
}
