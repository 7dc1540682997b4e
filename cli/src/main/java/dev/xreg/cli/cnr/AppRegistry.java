package dev.xreg.cli.cnr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.RegistryClient;
import dev.xreg.cli.http.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * The App Registry API (docs/cnr.md) as calls. It lives at the host root under {@code /cnr},
 * whatever path the xRegistry API has, because appr clients look for it there; so paths are
 * resolved against the server's root, not the server URL. Every call throws the server's
 * refusal ({@link Reply#requireOk()}: 4xx exit 1, else 3).
 */
public final class AppRegistry {
  private static final String PACKAGES = "/cnr/api/v1/packages";

  private final RegistryClient client;

  public AppRegistry(RegistryClient client) {
    this.client = client;
  }

  /** CNR-005: pushes one release and media type; {@code force} replaces an existing one. */
  public JsonNode push(PackageRef pkg, String release, String mediaType, byte[] tarGz, boolean force) {
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("release", release).put("media_type", mediaType)
        .put("blob", Base64.getEncoder().encodeToString(tarGz));
    return call("POST", packagePath(pkg) + "?force=" + force, body.toString().getBytes(StandardCharsets.UTF_8)).json();
  }

  /** CNR-010: the tar.gz of a release (a release, {@code default} or a range) and media type ({@code -}: the only one). */
  public Reply pull(PackageRef pkg, String release, String mediaType) {
    return call("GET", packagePath(pkg) + "/" + segment(release) + "/" + segment(mediaType) + "/pull", null);
  }

  /** CNR-006/007: every release manifest, or one release's. */
  public JsonNode manifests(PackageRef pkg, String release, String mediaType) {
    String path = packagePath(pkg) + (release == null ? "" : "/" + segment(release));
    return call("GET", path + (mediaType == null ? "" : "?media_type=" + query(mediaType)), null).json();
  }

  /** CNR-003: the packages, filtered by namespace, name substring and media type. */
  public JsonNode list(String namespace, String search, String mediaType) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    if (namespace != null) {
      q.add("namespace=" + query(namespace));
    }
    if (search != null) {
      q.add("query=" + query(search));
    }
    if (mediaType != null) {
      q.add("media_type=" + query(mediaType));
    }
    return call("GET", PACKAGES + q, null).json();
  }

  /** CNR-014/015: every channel, or one. */
  public JsonNode channels(PackageRef pkg, String channel) {
    return call("GET", packagePath(pkg) + "/channels" + (channel == null ? "" : "/" + segment(channel)), null).json();
  }

  /** CNR-016: adds the release to the channel (created if new) and makes it current. */
  public JsonNode addToChannel(PackageRef pkg, String channel, String release) {
    return call("POST", channelPath(pkg, channel) + "/" + segment(release), null).json();
  }

  /** CNR-017: takes the release off the channel. */
  public JsonNode removeFromChannel(PackageRef pkg, String channel, String release) {
    return call("DELETE", channelPath(pkg, channel) + "/" + segment(release), null).json();
  }

  /** CNR-018: deletes the channel (not its releases). */
  public JsonNode deleteChannel(PackageRef pkg, String channel) {
    return call("DELETE", channelPath(pkg, channel), null).json();
  }

  /** CNR-009: deletes one release and media type. */
  public JsonNode delete(PackageRef pkg, String release, String mediaType) {
    return call("DELETE", packagePath(pkg) + "/" + segment(release) + "/" + segment(mediaType), null).json();
  }

  /** The release a {@code ns/pkg:channel} means: the channel's current one. */
  public String currentRelease(PackageRef pkg) {
    return channels(pkg, pkg.channel()).path("current").asText();
  }

  private Reply call(String method, String path, byte[] body) {
    URI uri = client.base().resolve(path);
    return client.send(method, uri, body, body == null ? null : "application/json").requireOk();
  }

  private static String packagePath(PackageRef pkg) {
    return PACKAGES + "/" + segment(pkg.namespace()) + "/" + segment(pkg.name());
  }

  private static String channelPath(PackageRef pkg, String channel) {
    return packagePath(pkg) + "/channels/" + segment(channel);
  }

  /** A path segment: a range such as {@code >=1.0.0,<2.0.0} must reach the server as typed. */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
