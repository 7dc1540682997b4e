package dev.xreg.cli.command;

import dev.xreg.cli.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg serve}: listed so that help and completion show it, but the launcher script
 * runs the server itself (the CLI jar holds no server). Reaching this means the CLI jar was
 * run directly.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the xreg server (what ./xreg does with no subcommand; options as in README's Configuration).")
public final class ServeCommand extends CliCommand {
  @Parameters(arity = "0..*", paramLabel = "SERVER-ARGS", description = "Passed to the server, e.g. --config xreg.json.")
  java.util.List<String> args;

  @Override
  public Integer call() {
    throw CliFailure.usage("'serve' is run by the ./xreg launcher (java -jar http/target/xreg-server.jar), not by the CLI jar");
  }
}
