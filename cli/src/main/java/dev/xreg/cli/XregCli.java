package dev.xreg.cli;

import dev.xreg.cli.command.CapabilitiesCommand;
import dev.xreg.cli.command.CnrCommand;
import dev.xreg.cli.command.CompletionCommand;
import dev.xreg.cli.command.CreateCommand;
import dev.xreg.cli.command.DeleteCommand;
import dev.xreg.cli.command.DownloadCommand;
import dev.xreg.cli.command.ExportCommand;
import dev.xreg.cli.command.GetCommand;
import dev.xreg.cli.command.ImportCommand;
import dev.xreg.cli.command.ModelCommand;
import dev.xreg.cli.command.OciCommand;
import dev.xreg.cli.command.SchemaCommand;
import dev.xreg.cli.command.ServeCommand;
import dev.xreg.cli.command.UpdateCommand;
import dev.xreg.cli.command.UpsertCommand;
import dev.xreg.cli.config.Connection;
import dev.xreg.cli.http.RegistryClient;
import dev.xreg.cli.http.Version;
import dev.xreg.cli.output.Colours;
import dev.xreg.cli.output.OutputFormat;
import dev.xreg.cli.output.Terminal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code xreg}: the command line of any xRegistry server (issue 21). The launcher script
 * runs the server for {@code ./xreg} and {@code ./xreg serve}, and this for any other
 * subcommand.
 */
@Command(name = "xreg", mixinStandardHelpOptions = true, versionProvider = XregCli.VersionText.class,
    description = "The xRegistry command line: read and write a registry's entities, model and "
        + "capabilities over HTTP, import, export and download it.",
    subcommands = {GetCommand.class, CreateCommand.class, UpdateCommand.class, UpsertCommand.class,
        DeleteCommand.class, ImportCommand.class, ExportCommand.class, ModelCommand.class,
        CapabilitiesCommand.class, DownloadCommand.class, SchemaCommand.class, OciCommand.class, CnrCommand.class,
        CompletionCommand.class, ServeCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:the server refused the request (4xx) or a check failed",
        "2:usage error (bad option, missing argument, unreadable input)",
        "3:server failure (5xx), connection failure, or an answer that is not xRegistry"},
    footer = {"%nServer: --server, else XREG_SERVER, else the profile's server in "
        + "~/.config/xreg/config.yaml, else " + Connection.DEFAULT_SERVER + "."})
public final class XregCli implements Callable<Integer> {
  private final Terminal terminal;
  private RegistryClient client;

  @Option(names = {"-s", "--server"}, scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "The registry's URL (default: XREG_SERVER, the profile's server, " + Connection.DEFAULT_SERVER + ").")
  String server;

  @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "The config file's profile to use (default: XREG_PROFILE, the file's 'profile').")
  String profile;

  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "The config file (default: XREG_CONFIG, ~/.config/xreg/config.yaml).")
  Path config;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "json, yaml or table (default: json; table for lists of model types).")
  OutputFormat output;

  public XregCli(Terminal terminal) {
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    System.exit(run(Terminal.system(), args));
  }

  /** Runs one command line and returns its exit code; never calls System.exit. */
  public static int run(Terminal terminal, String... args) {
    XregCli root = new XregCli(terminal);
    return commandLine(root).execute(args);
  }

  /** The configured picocli tree (also what the completion script and docs are made from). */
  public static CommandLine commandLine(XregCli root) {
    CommandLine cl = new CommandLine(root);
    Terminal t = root.terminal;
    cl.setOut(new PrintWriter(t.out(), true));
    cl.setErr(new PrintWriter(t.err(), true));
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(
        t.colourErr() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // "@FILE" is xreg's (and curl's, and xr's) data syntax, not picocli's argument files.
    cl.setExpandAtFiles(false);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Colours c = new Colours(t.colourErr());
      if (ex instanceof CliFailure f) {
        t.err().println(c.red("error:") + " " + f.getMessage());
        return f.exitCode();
      }
      t.err().println(c.red("error:") + " unexpected " + ex);
      ex.printStackTrace(t.err());
      return ExitCode.SERVER_FAILURE;
    });
    return cl;
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, terminal.err(), terminal.colourErr() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF);
    return ExitCode.USAGE;
  }

  public Terminal terminal() {
    return terminal;
  }

  public OutputFormat outputFormat() {
    return output;
  }

  /** The server connection, resolved on first use (commands that never call it need no server). */
  public RegistryClient client() {
    if (client == null) {
      client = Connection.open(terminal, server, profile, config);
    }
    return client;
  }

  /** {@code --version}. */
  public static final class VersionText implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"xreg " + Version.text(), "Java " + System.getProperty("java.version")};
    }
  }
}
