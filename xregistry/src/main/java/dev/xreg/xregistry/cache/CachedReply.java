package dev.xreg.xregistry.cache;

import java.util.List;
import java.util.Map;

/**
 * A rendered {@code 200} answer as it was sent: the headers the xRegistry handler set (those of
 * earlier handlers, such as CORS and the root {@code Link}, are set again on every request) and
 * the body bytes before content coding. {@code coded} is the same body already in the content
 * coding its key names (gzip or deflate), null for identity or when not coded here: a hit then
 * writes it as it is instead of compressing the body again on every answer (issue 15).
 * {@code etag} is its representation's tag, null for one that has none (inlined children).
 * {@code bucket} is where {@link InvalidationScope} files it; {@code generation} the cache
 * generation its read started in.
 */
public record CachedReply(List<Map.Entry<String, String>> headers, byte[] body, String etag, String bucket,
    long generation, byte[] coded) {
  public CachedReply {
    headers = List.copyOf(headers);
  }

  /** An answer without a coded copy of its body. */
  public CachedReply(List<Map.Entry<String, String>> headers, byte[] body, String etag, String bucket,
      long generation) {
    this(headers, body, etag, bucket, generation, null);
  }

  CachedReply at(long generation) {
    return new CachedReply(headers, body, etag, bucket, generation, coded);
  }

  /** The same representation: a second read of the same state renders the same tag and bytes. */
  boolean sameAs(CachedReply other) {
    return java.util.Objects.equals(etag, other.etag) && java.util.Arrays.equals(body, other.body);
  }

  int weight() {
    int w = 96 + body.length + (coded == null ? 0 : coded.length);
    for (Map.Entry<String, String> h : headers) {
      w += 48 + 2 * (h.getKey().length() + h.getValue().length());
    }
    return w;
  }
}
