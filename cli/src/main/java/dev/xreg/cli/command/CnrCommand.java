package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.cnr.AppRegistry;
import dev.xreg.cli.cnr.PackageArchive;
import dev.xreg.cli.cnr.PackageRef;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.output.Colours;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.Table;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg cnr}: the App Registry commands that replace the appr CLI (issue 21), over the
 * server's {@code /cnr} API (docs/cnr.md). The server's error envelope ({@code code},
 * {@code message}) is shown like a problem document, with the same exit codes.
 */
@Command(name = "cnr", mixinStandardHelpOptions = true,
    description = {"App Registry packages (Helm charts, KPM, Docker Compose...), replacing the appr CLI.",
        "Push, pull, show, list, channels and delete over the server's /cnr API (docs/cnr.md)."},
    subcommands = CnrChannelCommand.class)
public final class CnrCommand extends CliCommand {
  private static final Pattern FILE_NAME = Pattern.compile("filename=\"?([^\";]+)\"?|^([^;=]+)$");
  private static final Pattern SHORT_MEDIA_TYPE = Pattern.compile("application/vnd\\.appr\\.package-manifest\\.(.+)\\.v0\\.json");

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Push a release of a package (POST /cnr/api/v1/packages/NS/PKG).",
          "A directory is packed as tar.gz with its own name as the top entry (as helm package does)."})
  int push(@Parameters(index = "0", paramLabel = "DIR|TGZ", description = "A directory, or a .tgz/.tar.gz file.") Path source,
      @Parameters(index = "1", paramLabel = "NS/PKG[@RELEASE]", description = "e.g. acme/mychart") String name,
      @Option(names = {"-r", "--release"}, paramLabel = "R", description = "The release, a semantic version (1.0.0).") String release,
      @Option(names = {"-t", "--media-type"}, paramLabel = "MT", required = true,
          description = "helm, kpm, docker-compose, ... or application/vnd.appr.package-manifest.MT.v0.json") String mediaType,
      @Option(names = "--force", description = "Replace the release if it exists (else 409 package-exists).") boolean force) {
    PackageRef pkg = PackageRef.parse(name).withRelease(release);
    if (pkg.release() == null) {
      throw CliFailure.usage("push needs a release: --release R or " + pkg.path() + "@R");
    }
    byte[] tarGz = read(source);
    JsonNode answer = registry().push(pkg, pkg.release(), mediaType, tarGz, force);
    note("pushed " + pkg.path() + " " + pkg.release() + " (" + mediaType + ", " + tarGz.length + " bytes)");
    printer(OutputFormat.json).print(answer, false);
    return ExitCode.OK;
  }

  private static byte[] read(Path source) {
    if (Files.isDirectory(source)) {
      return PackageArchive.pack(source);
    }
    try {
      return Files.readAllBytes(source);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + source + ": " + e.getMessage());
    }
  }

  @Command(name = "pull", mixinStandardHelpOptions = true,
      description = {"Pull a release's tar.gz (GET .../RELEASE/MT/pull), byte for byte as pushed.",
          "Without @RELEASE or :CHANNEL, the default (highest) release. Without -f or --dir, the file",
          "is written to the current directory under the server's name (NS_PKG_RELEASE.tar.gz)."})
  int pull(@Parameters(index = "0", paramLabel = "NS/PKG[@RELEASE|:CHANNEL]",
          description = "A release, 'default' or a range (@>=1.0.0,<2.0.0); :CHANNEL means its current release.") String name,
      @Option(names = {"-t", "--media-type"}, paramLabel = "MT", defaultValue = "-",
          description = "The media type (default: the only one the release has).") String mediaType,
      @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write the tar.gz here ('-': stdout).") Path file,
      @Option(names = "--dir", paramLabel = "DIR", description = "Unpack into this directory instead.") Path dir) {
    if (file != null && dir != null) {
      throw CliFailure.usage("give --file or --dir, not both");
    }
    PackageRef pkg = PackageRef.parse(name);
    String release = pkg.channel() != null ? registry().currentRelease(pkg) : pkg.release() != null ? pkg.release() : "default";
    Reply reply = registry().pull(pkg, release, mediaType);
    try {
      if (dir != null) {
        int files = PackageArchive.unpack(new ByteArrayInputStream(reply.body()), dir,
            skipped -> note("skipped " + skipped + " (not a regular file or directory)"));
        note("unpacked " + pkg.path() + " " + release + ": " + files + " files into " + dir);
      } else if (file != null && file.toString().equals("-")) {
        terminal().out().write(reply.body());
        terminal().out().flush();
      } else {
        Path target = file != null ? file : Path.of(fileName(reply, pkg, release));
        Files.write(target, reply.body());
        note("pulled " + pkg.path() + " " + release + " to " + target + " (" + reply.body().length + " bytes)");
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot write the package: " + e.getMessage(), e);
    }
    return ExitCode.OK;
  }

  /** The server's name for the file (Content-Disposition, a bare name as appr sent it), never a path. */
  private static String fileName(Reply reply, PackageRef pkg, String release) {
    String disposition = reply.header("Content-Disposition").orElse("").trim();
    Matcher m = FILE_NAME.matcher(disposition);
    String name = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)).trim() : "";
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      return pkg.namespace() + "_" + pkg.name() + "_" + release + ".tar.gz";
    }
    return name;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Show a package's release manifests (GET /cnr/api/v1/packages/NS/PKG[/RELEASE]).",
          "Every release, or one; -o table: one row per release and media type (digest cut to 12 digits)."})
  int show(@Parameters(index = "0", paramLabel = "NS/PKG[@RELEASE|:CHANNEL]") String name,
      @Option(names = {"-r", "--release"}, paramLabel = "R", description = "Only this release ('default' or a range work too).") String release,
      @Option(names = {"-t", "--media-type"}, paramLabel = "MT", description = "Only this media type.") String mediaType) {
    PackageRef pkg = PackageRef.parse(name).withRelease(release);
    String r = pkg.channel() != null ? registry().currentRelease(pkg) : pkg.release();
    JsonNode manifests = registry().manifests(pkg, r, mediaType);
    if (root().outputFormat() != OutputFormat.table) {
      printer(OutputFormat.json).print(manifests, false);
      return ExitCode.OK;
    }
    Table t = new Table("RELEASE", "MEDIA TYPE", "DIGEST", "SIZE", "CREATED");
    for (JsonNode m : manifests) {
      t.row(m.path("release").asText(), shortMediaType(m.path("mediaType").asText()),
          shortDigest(m.path("content").path("digest").asText()), m.path("content").path("size").asText(),
          m.path("created_at").asText());
    }
    table(t);
    return ExitCode.OK;
  }

  /** The first 12 hex digits, as docker shows image IDs: enough to tell releases apart; -o json has it whole. */
  private static String shortDigest(String digest) {
    String hex = digest.substring(digest.indexOf(':') + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private static String shortMediaType(String full) {
    Matcher m = SHORT_MEDIA_TYPE.matcher(full);
    return m.matches() ? m.group(1) : full;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List the packages that have a release (GET /cnr/api/v1/packages).",
          "A table by default: name, default release, releases (highest first), the default release's media types."})
  int list(@Option(names = {"-q", "--search"}, paramLabel = "QUERY", description = "Only names containing QUERY.") String search,
      @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace.") String namespace,
      @Option(names = {"-t", "--media-type"}, paramLabel = "MT", description = "Only packages with this media type.") String mediaType) {
    JsonNode packages = registry().list(namespace, search, mediaType);
    OutputFormat f = root().outputFormat();
    if (f == OutputFormat.json || f == OutputFormat.yaml) {
      printer(f).print(packages, false);
      return ExitCode.OK;
    }
    Table t = new Table("NAME", "DEFAULT", "RELEASES", "MEDIA TYPES");
    for (JsonNode p : packages) {
      t.row(p.path("name").asText(), p.path("default").asText(), join(p.path("releases")), join(p.path("manifests")));
    }
    table(t);
    return ExitCode.OK;
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(n -> items.add(n.asText()));
    return String.join(",", items);
  }

  private void table(Table t) {
    terminal().out().print(t.isEmpty() ? "(none)\n" : t.render(new Colours(terminal().colourOut())));
    terminal().out().flush();
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete one release and media type (DELETE /cnr/api/v1/packages/NS/PKG/RELEASE/MT).")
  int delete(@Parameters(index = "0", paramLabel = "NS/PKG[@RELEASE]") String name,
      @Option(names = {"-r", "--release"}, paramLabel = "R", description = "The release to delete.") String release,
      @Option(names = {"-t", "--media-type"}, paramLabel = "MT", required = true, description = "Its media type.") String mediaType) {
    PackageRef pkg = PackageRef.parse(name).withRelease(release);
    if (pkg.release() == null) {
      // Never "the default release": a delete names exactly what it removes.
      throw CliFailure.usage("delete needs a release: --release R or " + pkg.path() + "@R");
    }
    JsonNode answer = registry().delete(pkg, pkg.release(), mediaType);
    note("deleted " + pkg.path() + " " + pkg.release() + " (" + mediaType + ")");
    printer(OutputFormat.json).print(answer, false);
    return ExitCode.OK;
  }

  private AppRegistry registry() {
    return new AppRegistry(client());
  }
}
