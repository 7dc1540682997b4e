package dev.xreg.core.flag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.Capabilities;
import dev.xreg.core.command.RegistryRequest;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.render.Serializer;
import dev.xreg.core.model.Model;
import dev.xreg.core.path.EntityPath;
import dev.xreg.core.render.Rendering;
import java.util.List;

/** Reads the flags that shape a response ({@code inline}, {@code doc}, {@code binary}) from a request. */
public final class RenderFlags {
  private RenderFlags() {
  }

  /** Flags that {@code capabilities.flags} switched off are ignored, like unknown ones (CORE-FLG-002). */
  public static Rendering of(RegistryRequest request, EntityPath target, Model model, ObjectNode capabilities) {
    List<String> inline = enabled(capabilities, "inline") ? request.query().get("inline") : null;
    Inline in = Inline.parse(inline, target, model, request.path());
    boolean collections = collections(request, target, capabilities);
    return new Rendering(collections ? Inline.all() : in,
        enabled(capabilities, "doc") && request.query().containsKey("doc"),
        enabled(capabilities, "binary") && request.query().containsKey("binary"), collections,
        shortself(capabilities));
  }

  /**
   * CORE-COLF-001 (spec "Collections Flag"): only on the Registry or a Group, where it
   * implies {@code inline=*}; anywhere else {@code bad_flag}.
   */
  private static boolean collections(RegistryRequest request, EntityPath target, ObjectNode capabilities) {
    if (!enabled(capabilities, "collections") || !request.query().containsKey("collections")) {
      return false;
    }
    if (target.level() != EntityPath.Level.REGISTRY && target.level() != EntityPath.Level.GROUP) {
      throw XRegistryException.of(ErrorType.BAD_FLAG, request.path()).arg("flag", "collections")
          .errorDetail("?collections is only allowed on the Registry or a Group").build();
    }
    return true;
  }

  /**
   * CORE-SPV-001: {@code ?specversion} names the spec version the client speaks; this
   * server speaks only {@value Serializer#SPEC_VERSION} (compared case-insensitively).
   */
  public static void checkSpecVersion(RegistryRequest request, ObjectNode capabilities) {
    String asked = request.flag("specversion");
    if (asked == null || !enabled(capabilities, "specversion")) {
      return;
    }
    for (JsonNode supported : capabilities.path("specversions")) {
      if (supported.asText().equalsIgnoreCase(asked.trim())) {
        return;
      }
    }
    throw XRegistryException.of(ErrorType.UNSUPPORTED_SPECVERSION, request.path()).arg("specversion", asked)
        .arg("list", capabilities.path("specversions").toString()).build();
  }

  /** CORE-COM-003: {@code shortself} appears exactly when the capability is on. */
  private static boolean shortself(ObjectNode capabilities) {
    return capabilities.path("shortself").asBoolean(false);
  }

  private static boolean enabled(ObjectNode capabilities, String flag) {
    return Capabilities.flagEnabled(capabilities, flag);
  }

  /**
   * {@code GET /export} is {@code GET /?doc&inline=*,capabilities,modelsource}; an explicit
   * {@code inline} replaces the default (CORE-REG-010).
   */
  public static Rendering export(RegistryRequest request, Model model, ObjectNode capabilities) {
    List<String> inline = request.query().get("inline");
    List<String> effective = inline == null ? List.of("*,capabilities,modelsource") : inline;
    return new Rendering(Inline.parse(effective, EntityPath.registry(), model, request.path()), true,
        request.query().containsKey("binary"), false, shortself(capabilities));
  }
}
