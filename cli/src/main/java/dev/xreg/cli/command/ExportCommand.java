package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.http.Json;
import dev.xreg.cli.http.Problem;
import dev.xreg.cli.http.Reply;
import dev.xreg.cli.http.Xid;
import dev.xreg.cli.output.CountingInputStream;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg export [XID] [-f FILE]}: the registry as one document ({@code GET /export}), or
 * an entity with everything below it ({@code ?doc&inline=*}). JSON is copied through as the
 * server streams it; YAML ({@code -o yaml}) is converted here.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the registry (or one entity and everything below it) as one JSON or YAML document.",
        "'xreg import' of the result restores it. Shows a progress bar (bytes, rate) on a terminal."})
public final class ExportCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "XID", description = "What to export (default: / via /export).")
  String xid;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "-",
      description = "Where to write (default: - for stdout).")
  String file;

  @Override
  public Integer call() throws IOException {
    Xid target = Xid.parse(xid);
    String path = target.level() == Xid.Level.REGISTRY ? "/export" : target.withDetails(false).path() + "?doc&inline=*";
    HttpResponse<InputStream> r = client().getStream(path);
    try (InputStream body = r.body()) {
      if (r.statusCode() < 200 || r.statusCode() > 299) {
        Reply reply = new Reply("GET", r.uri(), r.statusCode(), r.headers(), body.readAllBytes());
        throw Problem.of(reply).failure();
      }
      boolean yaml = root().outputFormat() == OutputFormat.yaml;
      if (root().outputFormat() == OutputFormat.table) {
        throw CliFailure.usage("export writes json or yaml, not a table");
      }
      long bytes;
      try (ProgressBar progress = ProgressBar.ofBytes(terminal(), "export");
           InputStream in = new CountingInputStream(body, progress);
           OutputStream out = file.equals("-") ? new NoClose(terminal().out()) : Files.newOutputStream(Path.of(file))) {
        if (yaml) {
          JsonNode tree = Json.MAPPER.readTree(in);
          Json.YAML.writeValue(out, tree);
        } else {
          in.transferTo(out);
        }
        bytes = progress.count();
      }
      if (!file.equals("-")) {
        note("exported " + path + " to " + file + " (" + bytes + " bytes from the server)");
      }
    }
    return ExitCode.OK;
  }

  /** Stdout stays open for whatever prints after the export. */
  private static final class NoClose extends java.io.FilterOutputStream {
    NoClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
