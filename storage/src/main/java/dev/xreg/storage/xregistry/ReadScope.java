package dev.xreg.storage.xregistry;

/** How much of the tree a request loads for its reply. */
public enum ReadScope {
  /** Everything the request inlines, in one reply. */
  WHOLE,
  /**
   * Inlined Group and Resource collections are left out (the serializer marks them as
   * holes) for the HTTP side to stream page by page; a Resource's own Versions are still
   * loaded with it.
   */
  SHALLOW,
  /** Like {@link #SHALLOW}, for one chunk of a streamed collection: no total count is computed. */
  CHUNK;

  /** Entities per chunk of a streamed collection: small enough to keep the heap flat, big enough to amortize a query. */
  public static final int CHUNK_SIZE = 500;

  boolean shallow() {
    return this != WHOLE;
  }
}
