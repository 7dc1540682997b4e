package dev.xreg.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xreg.cli.ExitCode;
import dev.xreg.cli.cnr.AppRegistry;
import dev.xreg.cli.cnr.PackageRef;
import dev.xreg.cli.output.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code xreg cnr channel}: a package's channels (CNR-014..018), named pointers to a current
 * release such as {@code stable}; {@code ns/pkg:channel} in {@code cnr pull} follows them.
 */
@Command(name = "channel", mixinStandardHelpOptions = true,
    description = "List, add to, remove from and delete a package's channels.")
public final class CnrChannelCommand extends CliCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(terminal().err());
    return ExitCode.USAGE;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The package's channels: name, current release, releases.")
  int list(@Parameters(paramLabel = "NS/PKG") String name) {
    return print(registry().channels(PackageRef.parse(name), null));
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a release to a channel (created if new) and make it the current one.")
  int add(@Parameters(index = "0", paramLabel = "NS/PKG") String name,
      @Parameters(index = "1", paramLabel = "CHANNEL") String channel,
      @Parameters(index = "2", paramLabel = "RELEASE") String release) {
    return print(registry().addToChannel(PackageRef.parse(name), channel, release));
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = {"Remove a release from a channel.",
          "The current release falls back to the highest left; removing the last one deletes the channel."})
  int remove(@Parameters(index = "0", paramLabel = "NS/PKG") String name,
      @Parameters(index = "1", paramLabel = "CHANNEL") String channel,
      @Parameters(index = "2", paramLabel = "RELEASE") String release) {
    return print(registry().removeFromChannel(PackageRef.parse(name), channel, release));
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a channel (its releases stay).")
  int delete(@Parameters(index = "0", paramLabel = "NS/PKG") String name,
      @Parameters(index = "1", paramLabel = "CHANNEL") String channel) {
    return print(registry().deleteChannel(PackageRef.parse(name), channel));
  }

  private int print(JsonNode answer) {
    printer(OutputFormat.json).print(answer, false);
    return ExitCode.OK;
  }

  private AppRegistry registry() {
    return new AppRegistry(client());
  }
}
