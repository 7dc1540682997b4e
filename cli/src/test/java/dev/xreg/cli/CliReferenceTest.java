package dev.xreg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xreg.cli.output.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md's command reference is picocli's help of every command, so it cannot drift
 * from the code: this test fails when they differ. Regenerate with
 * {@code mvn -o -q -pl cli test -Dtest=CliReferenceTest -Dxreg.docs.update=true}.
 */
class CliReferenceTest {
  private static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE (CliReferenceTest) -->\n";
  private static final String END = "<!-- END GENERATED REFERENCE -->";
  private static final Path DOC = Path.of(System.getProperty("xreg.cli.doc", "../docs/cli.md"));

  @Test
  void docsListEveryCommandAndOption() throws Exception {
    Terminal t = new Terminal(Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), false, false);
    StringBuilder md = new StringBuilder();
    render(XregCli.commandLine(new XregCli(t)), md);
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int b = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    assertThat(b).as("%s has the generated-reference markers", DOC).isNotNegative();
    String updated = doc.substring(0, b + BEGIN.length()) + md + doc.substring(e);
    if (Boolean.getBoolean("xreg.docs.update")) {
      Files.writeString(DOC, updated, StandardCharsets.UTF_8);
      return;
    }
    assertThat(doc).as("docs/cli.md reference is out of date; regenerate (see this class's comment)").isEqualTo(updated);
  }

  private static void render(CommandLine cl, StringBuilder md) {
    String name = cl.getCommandSpec().qualifiedName();
    md.append("### `").append(name).append("`\n\n```text\n")
        .append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
    cl.getSubcommands().forEach((n, sub) -> {
      if (sub.getCommandSpec().name().equals(n)) {
        render(sub, md);
      }
    });
  }
}
