package dev.xreg.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.render.Rendering;
import dev.xreg.core.render.Serializer;
import dev.xreg.core.render.View;
import java.util.List;

/** What storage answers to a {@link RegistryRequest}; the HTTP layer renders it. */
public sealed interface Reply {

  /**
   * The JSON this reply renders to with entity URLs under {@code baseUrl}: the entity, the map
   * of entities or the document; null for a DELETE. A document-mode reply renders the same
   * JSON, which the HTTP layer turns into {@code xRegistry-*} headers.
   */
  default JsonNode render(String baseUrl) {
    return render(baseUrl, xid -> true);
  }

  /** As {@link #render(String)}, collection maps showing only the entities whose path is {@code visible}. */
  default JsonNode render(String baseUrl, java.util.function.Predicate<String> visible) {
    if (this instanceof Single s) {
      return new Serializer(baseUrl, s.rendering()).visibleTo(visible).toJson(s.view());
    } else if (this instanceof Collection c) {
      return new Serializer(baseUrl, c.rendering()).visibleTo(visible).toJson(c.items());
    } else if (this instanceof Page p) {
      return new Serializer(baseUrl, p.rendering()).visibleTo(visible).toJson(p.items());
    } else if (this instanceof Children g) {
      return new Serializer(baseUrl, g.rendering()).visibleTo(visible).toJson(g.byType());
    } else if (this instanceof Document d) {
      return d.body();
    }
    return null;
  }

  /**
   * One entity. {@code created} means 201 + Location; {@code createdVersionXid} gives
   * Content-Location (CORE-HTTP-008/009); {@code document} asks for document mode.
   */
  record Single(View view, boolean created, String createdVersionXid, boolean document, Rendering rendering)
      implements Reply {
  }

  /** A bare map of entities keyed by ID (collection GET, POST/PATCH on a collection). */
  record Collection(List<View> items, Rendering rendering) implements Reply {
  }

  /**
   * One page of a collection GET (xRegistry pagination): the entities in order, the
   * opaque cursor of the next page (null on the last page), the total number of entities
   * in the whole set, and whether the response is paginated at all (a {@code limit} was
   * given or the set did not fit in one page).
   */
  record Page(List<View> items, Rendering rendering, String nextCursor, long count, boolean paginated)
      implements Reply {
  }

  /**
   * {@code POST} to an entity that is not a Resource: the processed children by collection,
   * {@code {"<GROUPS>": {"<id>": Group}}} for {@code POST /} (CORE-REG-009),
   * {@code {"<RESOURCES>": {"<id>": Resource}}} for {@code POST /<GROUPS>/<GID>}.
   */
  record Children(java.util.Map<String, List<View>> byType, Rendering rendering) implements Reply {
  }

  /** A JSON document that is not an entity: model, modelsource, capabilities. */
  record Document(ObjectNode body) implements Reply {
  }

  /**
   * A {@code shortself} alias followed (CORE-COM-003): the client is sent on to the entity at
   * {@code xid}, with whatever followed the alias ({@code /meta}, {@code $details}) appended.
   */
  record Redirect(String xid, String suffix) implements Reply {
  }

  /** A successful DELETE: 204. */
  record Deleted() implements Reply {
  }
}
