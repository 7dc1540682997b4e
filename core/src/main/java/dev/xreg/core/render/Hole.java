package dev.xreg.core.render;

import dev.xreg.core.flag.Inline;

/**
 * An inlined collection that a streaming serializer leaves open: its entities were not
 * loaded with the owning entity, so the writer fills the map later, page by page.
 *
 * @param collectionXid the collection's path, e.g. {@code /dirs/d1/files}
 * @param inline what to inline inside each entity of the collection
 * @param pointer the map's JSON pointer in the response, used for {@code ?doc} references
 */
public record Hole(String collectionXid, Inline inline, String pointer) {

  /** The pointer of the entry with {@code id} inside this collection's map. */
  public String pointerOf(String id) {
    return pointer + "/" + Serializer.escape(id);
  }
}
