package dev.xreg.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code ~/.config/xreg/config.yaml} (or {@code $XDG_CONFIG_HOME/xreg/config.yaml}, or
 * {@code --config FILE}): named profiles and which one is current.
 *
 * <pre>
 * profile: local            # used when neither --profile nor XREG_PROFILE names one
 * profiles:
 *   local:
 *     server: http://localhost:8080
 *   prod:
 *     server: https://registry.example.com/
 *     token: s3cr3t         # Authorization: Bearer s3cr3t
 * </pre>
 */
public final class ConfigFile {
  private final Path path;
  private final JsonNode root;

  private ConfigFile(Path path, JsonNode root) {
    this.path = path;
    this.root = root;
  }

  /** The default location for a user whose HOME (and XDG_CONFIG_HOME) are given. */
  public static Path defaultPath(Path home, String xdgConfigHome) {
    Path dir = xdgConfigHome != null ? Path.of(xdgConfigHome) : home.resolve(".config");
    return dir.resolve("xreg").resolve("config.yaml");
  }

  /**
   * Reads the file. A missing file at the default location is simply empty; a missing file
   * the user named explicitly is a usage error (a typo should not silently mean "no config").
   */
  public static ConfigFile load(Path path, boolean explicit) {
    if (!Files.exists(path)) {
      if (explicit) {
        throw CliFailure.usage("config file " + path + " does not exist");
      }
      return new ConfigFile(path, Json.MAPPER.createObjectNode());
    }
    try {
      JsonNode n = Json.YAML.readTree(path.toFile());
      if (n == null || n.isMissingNode() || n.isNull()) {
        n = Json.MAPPER.createObjectNode();
      }
      if (!n.isObject()) {
        throw CliFailure.usage("config file " + path + " must be a YAML mapping");
      }
      return new ConfigFile(path, n);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read config file " + path + ": " + e.getMessage());
    }
  }

  public String currentProfileName() {
    return text(root, "profile");
  }

  /**
   * The named profile; naming one the file lacks is a usage error listing the known ones.
   * With no name, the file's {@code profile}, else an empty profile.
   */
  public Profile profile(String name) {
    String wanted = name != null ? name : currentProfileName();
    if (wanted == null) {
      return Profile.empty("default");
    }
    JsonNode p = root.path("profiles").path(wanted);
    if (!p.isObject()) {
      StringBuilder known = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("profiles").fields(); it.hasNext(); ) {
        known.append(known.length() == 0 ? "" : ", ").append(it.next().getKey());
      }
      throw CliFailure.usage("profile '" + wanted + "' is not in " + path
          + (known.length() == 0 ? " (it has no profiles)" : " (profiles: " + known + ")"));
    }
    return new Profile(wanted, text(p, "server"), text(p, "token"), text(p, "user"), text(p, "password"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
