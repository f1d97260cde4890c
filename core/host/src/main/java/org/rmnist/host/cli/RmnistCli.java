package org.rmnist.host.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.PluginException;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Home;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rmnist}: learn from very small data, with plugins. */
@Command(name = "rmnist", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    description = "Experiments on Reduced MNIST (N labelled images per digit), with plugins.",
    subcommands = {PluginsCommand.class, RunCommand.class, DataCommand.class,
        PreviewCommand.class, ModelsCommand.class, ExportCommand.class,
        CommandLine.HelpCommand.class})
public final class RmnistCli implements Callable<Integer> {

  @Option(names = "--plugins", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
      description = "Also load plugin jars from DIR (repeatable; RMNIST_PLUGINS adds more).")
  List<Path> pluginDirs = new ArrayList<>();

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Loads the bundled plugins and those in --plugins / RMNIST_PLUGINS; prints load problems. */
  PluginHost openHost() {
    PluginHost host = PluginHost.open(Home.pluginRoots(pluginDirs));
    for (String p : host.problems()) {
      System.err.println("warning: " + p);
    }
    return host;
  }

  /** Runs the CLI and returns its exit code (0 ok, 1 failure, 2 bad input). */
  public static int execute(String... args) {
    RmnistCli root = new RmnistCli();
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      boolean input = ex instanceof ConfigException || ex instanceof PluginException
          || ex instanceof java.nio.file.NoSuchFileException
          || ex instanceof org.rmnist.api.DataFormatException;
      String msg = ex instanceof java.nio.file.NoSuchFileException nsf
          ? nsf.getFile() + ": " + (nsf.getReason() == null ? "no such file" : nsf.getReason())
          : ex.getMessage() == null ? ex.toString() : ex.getMessage();
      cmd.getErr().println("error: " + msg);
      if (root.debug) {
        ex.printStackTrace(cmd.getErr());
      }
      return input ? 2 : 1;
    });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
