package dev.xreg.storage.oci;

import dev.xreg.storage.engine.Command;
import dev.xreg.storage.engine.Engine;
import io.vertx.core.Future;

/** Renews or releases {@code writer}'s claim on an upload (see {@link ClaimUpload}). */
public record UploadClaim(String uploadId, String writer, boolean release) implements Command<Void> {

  public static UploadClaim renew(String uploadId, String writer) {
    return new UploadClaim(uploadId, writer, false);
  }

  public static UploadClaim release(String uploadId, String writer) {
    return new UploadClaim(uploadId, writer, true);
  }

  @Override
  public Future<Void> execute(Engine engine) {
    return release ? engine.oci().releaseUploadClaim(uploadId, writer) : engine.oci().renewUploadClaim(uploadId, writer);
  }

  @Override
  public String subject() {
    return uploadId;
  }

  @Override
  public String operation() {
    return "oci_write";
  }
}
