package dev.xreg.storage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.blob.BlobException;
import dev.xreg.storage.blob.BlobException.Kind;
import org.junit.jupiter.api.Test;

/** Blob failures the engine names are classified like every other failure, for the APIs' one table each. */
class FailureKindTest {

  @Test
  void aWriteToAnUploadAnotherRequestHoldsIsAConflict() {
    assertThat(FailureKind.of(new BlobException(Kind.OUT_OF_ORDER, "claimed"))).isEqualTo(FailureKind.CONFLICT);
  }

  @Test
  void unknownBlobsAndUploadsAreNotFound() {
    assertThat(FailureKind.of(new BlobException(Kind.UNKNOWN_BLOB, "x"))).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(FailureKind.of(new BlobException(Kind.UNKNOWN_UPLOAD, "x"))).isEqualTo(FailureKind.NOT_FOUND);
  }

  @Test
  void badClientBytesAreInvalidAndAStoreThatCannotTakeThemIsUnavailable() {
    assertThat(FailureKind.of(new BlobException(Kind.DIGEST_MISMATCH, "x"))).isEqualTo(FailureKind.INVALID);
    assertThat(FailureKind.of(new BlobException(Kind.INVALID_RANGE, "x"))).isEqualTo(FailureKind.INVALID);
    assertThat(FailureKind.of(new BlobException(Kind.STORAGE_FULL, "x"))).isEqualTo(FailureKind.UNAVAILABLE);
    assertThat(FailureKind.of(new BlobException(Kind.UNAVAILABLE, "x"))).isEqualTo(FailureKind.UNAVAILABLE);
  }

  @Test
  void anythingUnnamedIsInternal() {
    assertThat(FailureKind.of(new IllegalStateException("bug"))).isEqualTo(FailureKind.INTERNAL);
  }
}
