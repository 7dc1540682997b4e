package dev.xreg.storage.xregistry;

import dev.xreg.core.entity.Ids;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import java.util.List;

/**
 * The {@code ?setdefaultversionid} flag (spec.md "SetDefaultVersionID Flag",
 * CORE-SDV-001..003): allowed on writes to one Resource, its meta or its Versions;
 * {@code request} only where exactly one new Version can be created (POST to a Resource).
 */
final class DefaultVersionFlag {
  static final String NAME = "setdefaultversionid";

  private DefaultVersionFlag() {
  }

  /**
   * The flag's value for a write on one Resource, or null when absent.
   *
   * @param requestAllowed whether {@code request} may name the Version this request creates
   */
  static String forOneResource(RequestContext ctx, boolean requestAllowed) {
    List<String> values = ctx.request.query().get(NAME);
    if (values == null || values.isEmpty()) {
      return null;
    }
    String path = ctx.request.path();
    if (values.size() > 1) {
      throw bad(path, String.join(",", values), "the flag takes exactly one versionid");
    }
    String value = values.get(0);
    if ("request".equals(value) && !requestAllowed) {
      throw XRegistryException.of(ErrorType.BAD_FLAG, path).arg("flag", NAME)
          .detail("\"request\" is only allowed on a POST to a Resource, which creates exactly one Version").build();
    }
    if (!"null".equals(value) && !"request".equals(value) && !Ids.valid(value)) {
      throw bad(path, value, "\"" + value + "\" is not a valid versionid");
    }
    return value;
  }

  /** CORE-SDV-003: a write that may touch more than one Resource must not carry the flag. */
  static void rejectOnManyResources(RequestContext ctx) {
    if (ctx.request.query().containsKey(NAME)) {
      throw XRegistryException.of(ErrorType.BAD_FLAG, ctx.request.path()).arg("flag", NAME)
          .detail("?" + NAME + " is only allowed on writes to a single Resource, its meta or its Versions").build();
    }
  }

  private static XRegistryException bad(String path, String value, String why) {
    return XRegistryException.of(ErrorType.BAD_DEFAULTVERSIONID, path).arg("value", value).errorDetail(why).build();
  }
}
