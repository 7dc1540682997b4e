package dev.xreg.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The object store a cluster test's nodes share (issue 18): s3proxy 2.6.0 running in the test
 * JVM on its filesystem backend in a temporary directory, on a free loopback port, with SigV4
 * credentials. {@link #stop()} and {@link #start()} take it down and bring it back on the same
 * port and data, as an outage of the object store would.
 */
final class ObjectStoreServer implements AutoCloseable {
  static final String ACCESS_KEY = "xreg-cluster-access";
  static final String SECRET_KEY = "xreg-cluster-secret";
  static final String REGION = "us-east-1";

  private final Path dir;
  private final BlobStoreContext backend;
  private S3Proxy proxy;
  private int port;

  ObjectStoreServer() throws Exception {
    dir = Files.createTempDirectory("xreg-it-s3-");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toString());
    backend = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
    start();
  }

  /** Listens: on a free port the first time (port 0), on the same port after a {@link #stop()}. */
  void start() throws Exception {
    proxy = S3Proxy.builder().blobStore(backend.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    port = proxy.getPort();
  }

  void stop() throws Exception {
    proxy.stop();
  }

  int port() {
    return port;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  void createBucket(String name) {
    backend.getBlobStore().createContainerInLocation(null, name);
  }

  /**
   * What a node needs to keep its blobs in {@code bucket} here. The SDK's region and credential
   * chains must never probe the EC2 metadata address, hence {@code AWS_EC2_METADATA_DISABLED}.
   */
  Map<String, String> nodeEnvironment(String bucket) {
    return Map.of("XREG_BLOB_STORE", "s3", "XREG_S3_ENDPOINT", endpoint(), "XREG_S3_BUCKET", bucket,
        "XREG_S3_REGION", REGION, "XREG_S3_PREFIX", "registry", "XREG_S3_ACCESS_KEY", ACCESS_KEY,
        "XREG_S3_SECRET_KEY", SECRET_KEY, "AWS_EC2_METADATA_DISABLED", "true");
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    backend.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
