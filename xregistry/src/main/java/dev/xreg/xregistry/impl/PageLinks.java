package dev.xreg.xregistry.impl;

import dev.xreg.core.command.Reply;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The pagination {@code Link} headers of a collection page (PAGE-007..011): {@code first} on
 * every paginated response, {@code next} exactly when more records follow, each with
 * {@code count=<total>}. The URLs are the request's own URL with its query kept verbatim
 * (limit, filter, sort, inline...) and only {@code cursor} replaced, so clients follow them
 * unmodified (PAGE-004). One header line per relation.
 */
final class PageLinks {
  static final String CURSOR = "cursor";

  private PageLinks() {
  }

  /**
   * @param base the registry's public base URL (no trailing slash)
   * @param path the request path below it, as sent; a trailing slash is dropped so the links
   *     name the collection's canonical URL (issue 16)
   */
  static List<String> of(HttpServerRequest req, String base, String path, Reply.Page page) {
    List<String> links = new ArrayList<>(2);
    if (!page.paginated()) {
      return links;
    }
    String url = base + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    List<String> kept = new ArrayList<>();
    String raw = req.query();
    if (raw != null && !raw.isEmpty()) {
      for (String part : raw.split("&")) {
        if (part.isEmpty() || part.equals(CURSOR) || part.startsWith(CURSOR + "=")) {
          continue;
        }
        kept.add(part);
      }
    }
    String first = kept.isEmpty() ? url : url + "?" + String.join("&", kept);
    links.add("<" + first + ">;rel=first;count=" + page.count());
    if (page.nextCursor() != null) {
      String sep = kept.isEmpty() ? "?" : "&";
      links.add("<" + first + sep + CURSOR + "=" + page.nextCursor() + ">;rel=next;count=" + page.count());
    }
    return links;
  }
}
