package dev.xreg.cli.config;

import dev.xreg.cli.CliFailure;
import dev.xreg.cli.http.RegistryClient;
import dev.xreg.cli.output.Terminal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Which server and which credentials, decided once per command, in this order (first wins):
 * {@code --server}, {@code XREG_SERVER}, the profile's {@code server}, {@code http://localhost:8080}.
 * Credentials: {@code XREG_TOKEN}, or {@code XREG_USER}/{@code XREG_PASSWORD}, then the
 * profile's {@code token} or {@code user}/{@code password}. They are sent as they are
 * configured (Bearer or Basic); what the server makes of them is the server's business.
 */
public final class Connection {
  public static final String DEFAULT_SERVER = "http://localhost:8080";

  private Connection() {
  }

  public static RegistryClient open(Terminal terminal, String serverOption, String profileOption, Path configOption) {
    Path configPath = configOption != null ? configOption
        : terminal.env("XREG_CONFIG") != null ? Path.of(terminal.env("XREG_CONFIG"))
        : ConfigFile.defaultPath(terminal.home(), terminal.env("XDG_CONFIG_HOME"));
    boolean explicit = configOption != null || terminal.env("XREG_CONFIG") != null;
    ConfigFile config = ConfigFile.load(configPath, explicit);
    String profileName = profileOption != null ? profileOption : terminal.env("XREG_PROFILE");
    Profile profile = config.profile(profileName);

    String server = first(serverOption, terminal.env("XREG_SERVER"), profile.server(), DEFAULT_SERVER);
    URI uri;
    try {
      uri = URI.create(server);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("server URL '" + server + "' is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw CliFailure.usage("server URL '" + server + "' must be http://HOST[:PORT][/PATH] or https://...");
    }
    return new RegistryClient(uri, authorization(terminal, profile));
  }

  private static String authorization(Terminal terminal, Profile profile) {
    String token = terminal.env("XREG_TOKEN");
    String user = terminal.env("XREG_USER");
    String password = terminal.env("XREG_PASSWORD");
    if (token == null && user == null) {
      token = profile.token();
      user = profile.user();
      password = profile.password();
    }
    if (token != null) {
      return "Bearer " + token;
    }
    if (user != null) {
      String pair = user + ":" + (password == null ? "" : password);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
