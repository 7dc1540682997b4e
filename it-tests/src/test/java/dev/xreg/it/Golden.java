package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output compared with a file under {@code src/test/resources/cli/}, after the parts that
 * change from run to run are normalized: the server's address becomes {@code http://HOST}
 * and timestamps {@code TIMESTAMP}. Run with {@code -Dxreg.golden.update=true} to rewrite the
 * files from the current output (then review the diff).
 */
final class Golden {
  private Golden() {
  }

  static String normalize(String text, XregServer server) {
    return text.replace(server.base(), "http://HOST").replace("localhost:" + server.port(), "HOST")
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIMESTAMP");
  }

  static void assertMatches(String name, String actual, XregServer server) throws IOException {
    String normalized = normalize(actual, server);
    if (Boolean.getBoolean("xreg.golden.update")) {
      Path dir = Path.of(System.getProperty("xreg.cli.golden.dir", "src/test/resources/cli"));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), normalized, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream("/cli/" + name)) {
      assertThat(in).as("golden file cli/%s (create it with -Dxreg.golden.update=true)", name).isNotNull();
      assertThat(normalized).as("output vs golden file cli/%s", name)
          .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
