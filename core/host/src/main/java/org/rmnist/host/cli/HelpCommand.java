package org.rmnist.host.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;

/** {@code rmnist help [COMMAND [SUBCOMMAND]]}: the usage of any command, nested ones included. */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the usage of a command, e.g. `rmnist help models fetch`.")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command, and its subcommands, to show the usage of.")
  List<String> commands = new ArrayList<>();

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine,
      Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String name : commands) {
      CommandLine sub = target.getSubcommands().get(name);
      if (sub == null) {
        throw new CommandLine.ParameterException(
            self,
            "Unknown subcommand '"
                + name
                + "' of '"
                + target.getCommandSpec().qualifiedName()
                + "'; known: "
                + String.join(
                    ", ",
                    target.getSubcommands().entrySet().stream()
                        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                        .map(java.util.Map.Entry::getKey)
                        .toList()));
      }
      target = sub;
    }
    target.usage(out, colors);
  }
}
