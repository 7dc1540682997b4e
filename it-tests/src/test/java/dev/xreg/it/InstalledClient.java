package dev.xreg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OCI client program the it-tests drive (skopeo, node with the npm package
 * {@code oci-registry-client}), found on the machine. {@code .ci/run} installs them, so under
 * {@code CI=true} a missing one fails the test; on a developer's machine without it (and
 * without {@code CI}) the test is skipped, and only then.
 */
final class InstalledClient {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String name;
  private final Path program;

  private InstalledClient(String name, Path program) {
    this.name = name;
    this.program = program;
  }

  /** The program called {@code name} on the PATH: present, skipped (no CI) or failed (CI). */
  static InstalledClient onPath(String name) {
    return new InstalledClient(name, require(name, findOnPath(name), "install it (Debian: apt-get install " + name + ")"));
  }

  /**
   * A directory the it-tests' pom names in the system property {@code property}, e.g. the
   * npm prefix holding {@code node_modules/oci-registry-client}, which must contain {@code marker}.
   */
  static Path directory(String property, String marker) {
    String dir = System.getProperty(property);
    Optional<Path> found = Optional.ofNullable(dir).map(Path::of).filter(d -> Files.exists(d.resolve(marker)));
    return require(marker, found, "set -D" + property + " to a directory holding " + marker + " (.ci/run does)");
  }

  private static Path require(String what, Optional<Path> found, String hint) {
    boolean ci = System.getenv("CI") != null && !System.getenv("CI").isEmpty();
    if (found.isEmpty() && !ci) {
      Assumptions.abort(what + " is not installed and CI is not set: skipped; " + hint);
    }
    assertThat(found).as(what + " must be installed under CI: " + hint).isPresent();
    return found.get();
  }

  private static Optional<Path> findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs the program with these arguments; its exit code, standard output and error. */
  Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(program.toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("xreg-it-" + name + "-", ".out");
    Path err = Files.createTempFile("xreg-it-" + name + "-", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean finished = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor();
      }
      Result r = new Result(String.join(" ", cmd), finished ? p.exitValue() : -1,
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      assertThat(finished).as("%s did not finish within %s\n%s", r.command(), TIMEOUT, r).isTrue();
      return r;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs and asserts exit code 0. */
  Result ok(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    assertThat(r.exitCode()).as("%s", r).isZero();
    return r;
  }

  record Result(String command, int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return command + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }
}
