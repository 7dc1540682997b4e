package dev.xreg.xregistry.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 16: the coding a representation's ETag names is the one the compressor picks. */
class ContentCodingTest {
  @Test
  void identityWithoutAnAcceptableCoding() {
    assertThat(ContentCoding.of((String) null)).isEqualTo(ContentCoding.IDENTITY);
    assertThat(ContentCoding.of("")).isEqualTo(ContentCoding.IDENTITY);
    assertThat(ContentCoding.of("identity")).isEqualTo(ContentCoding.IDENTITY);
    assertThat(ContentCoding.of("gzip;q=0")).isEqualTo(ContentCoding.IDENTITY);
    assertThat(ContentCoding.of("br")).isEqualTo(ContentCoding.IDENTITY);
  }

  @Test
  void gzipUnlessDeflateIsPreferred() {
    assertThat(ContentCoding.of("gzip, deflate, br")).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.of("deflate")).isEqualTo(ContentCoding.DEFLATE);
    assertThat(ContentCoding.of("gzip;q=0.5, deflate;q=0.8")).isEqualTo(ContentCoding.DEFLATE);
    assertThat(ContentCoding.of("*")).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.of("gzip;q=0, *")).isEqualTo(ContentCoding.DEFLATE);
    assertThat(ContentCoding.of("GZIP ; q=1")).isEqualTo(ContentCoding.GZIP);
  }

  @Test
  void encodedBodiesDecodeToTheOriginalInTheirOwnFormat() throws Exception {
    byte[] body = "{\"description\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] gzip = ContentCoding.GZIP.encode(body);
    assertThat(gzip[0] & 0xff).isEqualTo(0x1f); // the gzip magic number, not a zlib stream
    assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(body);
    byte[] deflate = ContentCoding.DEFLATE.encode(body);
    assertThat(deflate[0] & 0x0f).isEqualTo(8); // zlib header: the deflate method, as HTTP's "deflate" means
    assertThat(new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(deflate)).readAllBytes())
        .isEqualTo(body);
    assertThat(ContentCoding.IDENTITY.encode(body)).isSameAs(body);
  }
}
