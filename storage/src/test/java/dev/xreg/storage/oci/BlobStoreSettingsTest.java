package dev.xreg.storage.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.storage.StorageOptions;
import dev.xreg.storage.blob.BlobStoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 14: XREG_BLOB_* reach the engine through StorageOptions, including its JSON round trip. */
class BlobStoreSettingsTest {

  @Test
  void blobsFollowTheDataDirectoryUntilSet() {
    StorageOptions options = new StorageOptions().setDataDir("/srv/xreg");
    assertThat(Path.of(options.getBlobStore().getDir())).isEqualTo(Path.of("/srv/xreg/blobs"));
    assertThat(new StorageOptions(options.toJson()).getBlobStore().getDir())
        .isEqualTo(options.getBlobStore().getDir());
  }

  @Test
  void explicitBlobOptionsSurviveTheJsonRoundTrip() {
    StorageOptions options = new StorageOptions().setDataDir("/srv/xreg")
        .setBlobStore(new BlobStoreOptions().setDir("/mnt/blobs").setMinFreeBytes(0));
    StorageOptions copy = new StorageOptions(options.toJson());
    assertThat(copy.getBlobStore().getDir()).isEqualTo("/mnt/blobs");
    assertThat(copy.getBlobStore().getMinFreeBytes()).isZero();
    assertThat(new StorageOptions(copy).getBlobStore().toJson()).isEqualTo(options.getBlobStore().toJson());
  }
}
