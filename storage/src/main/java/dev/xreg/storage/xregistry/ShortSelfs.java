package dev.xreg.storage.xregistry;

import dev.xreg.core.command.Reply;
import dev.xreg.core.error.ErrorType;
import dev.xreg.core.error.XRegistryException;
import dev.xreg.core.render.ShortSelf;
import io.vertx.core.Future;

/**
 * Follows a {@code shortself} alias, {@code /-/<code>[/meta][$details]}, to the entity it
 * names (CORE-COM-003); the HTTP layer answers with a redirect that keeps the method and the
 * query. Aliases resolve whether or not the capability shows them, as they never change.
 */
final class ShortSelfs {
  private ShortSelfs() {
  }

  static Future<Reply> follow(RequestContext ctx, String path) {
    String rest = path.substring(ShortSelf.PREFIX.length());
    int end = indexOfAny(rest);
    String code = rest.substring(0, end);
    String suffix = rest.substring(end);
    if (!suffix.isEmpty() && !suffix.equals("$details") && !suffix.equals("/meta")
        && !suffix.equals("/meta$details")) {
      throw XRegistryException.of(ErrorType.NOT_FOUND, path)
          .detail("an alias may be followed only by /meta or $details").build();
    }
    return ctx.tx.xidOfShortSelf(code).map(xid -> {
      if (xid == null) {
        throw XRegistryException.of(ErrorType.NOT_FOUND, path).detail("no entity has this shortself").build();
      }
      return new Reply.Redirect(xid, suffix);
    });
  }

  private static int indexOfAny(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '/' || s.charAt(i) == '$') {
        return i;
      }
    }
    return s.length();
  }
}
