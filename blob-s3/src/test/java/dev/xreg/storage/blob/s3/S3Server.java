package dev.xreg.storage.blob.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for the tests: s3proxy, in this JVM, on its filesystem backend in
 * a temporary directory, on a free loopback port, with SigV4 credentials. It can be stopped
 * and started again on the same port, as an object store that goes down and comes back.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "xreg-test-access";
  public static final String SECRET_KEY = "xreg-test-secret";
  public static final String REGION = "us-east-1";

  private final Path dir;
  private final BlobStoreContext backend;
  private S3Proxy proxy;
  private int port;

  public S3Server() throws Exception {
    dir = Files.createTempDirectory("xreg-s3proxy-");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toString());
    backend = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
    start();
  }

  /** Starts the server: on a free port the first time, on the same port afterwards. */
  public void start() throws Exception {
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

  public void stop() throws Exception {
    proxy.stop();
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The server's own view of the buckets, to check what the store left behind. */
  BlobStore backend() {
    return backend.getBlobStore();
  }

  public void createBucket(String name) {
    backend.getBlobStore().createContainerInLocation(null, name);
  }

  void deleteBucket(String name) {
    backend.getBlobStore().deleteContainer(name);
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
