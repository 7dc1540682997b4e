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
}
