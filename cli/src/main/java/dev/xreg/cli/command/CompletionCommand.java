package dev.xreg.cli.command;

import dev.xreg.cli.CliFailure;
import dev.xreg.cli.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xreg completion bash}: picocli's completion script for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script (bash; zsh loads it after 'autoload bashcompinit && bashcompinit').",
        "Install: xreg completion bash > /etc/bash_completion.d/xreg, or: source <(xreg completion bash)"})
public final class CompletionCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "SHELL", description = "bash (or zsh).")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw CliFailure.usage("completion scripts exist for bash and zsh, not " + shell);
    }
    terminal().out().print(AutoComplete.bash("xreg", spec.root().commandLine()));
    terminal().out().flush();
    return ExitCode.OK;
  }
}
