package dev.xreg.cli.command;

import dev.xreg.cli.XregCli;
import dev.xreg.cli.http.RegistryClient;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.Printer;
import dev.xreg.cli.output.Terminal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the root command's global options (server, profile, config,
 * output) and the terminal, reached through picocli's command tree rather than statics, so
 * that several CLIs can run in one JVM (the tests do).
 */
public abstract class CliCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  protected XregCli root() {
    return (XregCli) spec.root().userObject();
  }

  protected Terminal terminal() {
    return root().terminal();
  }

  protected RegistryClient client() {
    return root().client();
  }

  /** A printer for {@code -o}, or for {@code fallback} when the user gave none. */
  protected Printer printer(OutputFormat fallback) {
    OutputFormat f = root().outputFormat();
    return new Printer(terminal(), f != null ? f : fallback);
  }

  /** Says what happened, on stderr, so that stdout stays the data. */
  protected void note(String message) {
    terminal().err().println(message);
  }
}
