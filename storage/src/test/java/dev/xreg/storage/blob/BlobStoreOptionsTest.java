package dev.xreg.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class BlobStoreOptionsTest {

  @Test
  void defaultsKeepBlobsOnDiskUnderTheDataDirectory() {
    BlobStoreOptions options = new BlobStoreOptions();
    assertThat(options.getType()).isEqualTo("disk");
    assertThat(options.getDir()).isEqualTo("./data/blobs");
    assertThat(options.getMinFreeBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(options.getWorkerPoolSize()).isEqualTo(4);
    assertThat(options.getS3Endpoint()).isEmpty();
    assertThat(options.getS3Bucket()).isEmpty();
    assertThat(options.getS3Region()).isEmpty();
    assertThat(options.getS3Prefix()).isEmpty();
    assertThat(options.getS3AccessKey()).isEmpty();
    assertThat(options.getS3SecretKey()).isEmpty();
    assertThat(options.getS3UploadMemoryBytes()).as("0: a quarter of the heap").isZero();
  }

  @Test
  void everySettingSurvivesTheJsonRoundTrip() {
    BlobStoreOptions options = new BlobStoreOptions().setType("s3").setDir("/var/lib/xreg/blobs")
        .setMinFreeBytes(5_000_000_000L).setWorkerPoolSize(2).setS3Endpoint("http://127.0.0.1:9000")
        .setS3Bucket("registry").setS3Region("eu-west-1").setS3Prefix("xreg/").setS3AccessKey("access")
        .setS3SecretKey("secret").setS3UploadMemoryBytes(64L * 1024 * 1024);
    JsonObject json = options.toJson();
    assertThat(json).isEqualTo(new JsonObject().put("type", "s3").put("dir", "/var/lib/xreg/blobs")
        .put("minFreeBytes", 5_000_000_000L).put("workerPoolSize", 2).put("s3Endpoint", "http://127.0.0.1:9000")
        .put("s3Bucket", "registry").put("s3Region", "eu-west-1").put("s3Prefix", "xreg/")
        .put("s3AccessKey", "access").put("s3SecretKey", "secret").put("s3UploadMemoryBytes", 64L * 1024 * 1024));

    BlobStoreOptions copy = new BlobStoreOptions(new JsonObject(json.encode()));
    assertThat(copy.toJson()).isEqualTo(json);
    assertThat(new BlobStoreOptions(options).toJson()).isEqualTo(json);
  }

  @Test
  void missingJsonFieldsKeepTheirDefaults() {
    assertThat(new BlobStoreOptions(new JsonObject().put("dir", "/x")).toJson())
        .isEqualTo(new BlobStoreOptions().setDir("/x").toJson());
  }

  @Test
  void impossibleSettingsAreRefused() {
    BlobStoreOptions options = new BlobStoreOptions();
    assertThatThrownBy(() -> options.setType("ftp")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setDir(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setMinFreeBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setWorkerPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setS3Endpoint("127.0.0.1:9000")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setS3Prefix("/xreg")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setS3UploadMemoryBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlobStoreOptions(new JsonObject().put("type", "nfs")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
