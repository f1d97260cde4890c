package org.rmnist.host.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmnist.api.DataFormatException;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.PluginException;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Home;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code rmnist}: learn from very small data, with plugins. Exit codes: {@value #OK} ok, {@value
 * #FAILED} a run (or fetch, or check) failed, {@value #BAD_INPUT} bad input.
 */
@Command(
    name = "rmnist",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    scope = CommandLine.ScopeType.INHERIT,
    description = "Experiments on Reduced MNIST (N labelled images per digit), with plugins.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:a run (or download, or check) failed; the messages say which",
      "2:bad input: a missing or malformed file, a bad argument or value, an unknown name"
    },
    subcommands = {
      PluginsCommand.class,
      RunCommand.class,
      WorkerCommand.class,
      DataCommand.class,
      PreviewCommand.class,
      ReportCommand.class,
      ModelsCommand.class,
      ExportCommand.class,
      HelpCommand.class
    })
public final class RmnistCli implements Callable<Integer> {
  /** Exit code: everything asked for was done. */
  public static final int OK = 0;

  /** Exit code: a run, download or check failed (the messages say which). */
  public static final int FAILED = 1;

  /** Exit code: bad input (missing or malformed file, bad argument, unknown name). */
  public static final int BAD_INPUT = 2;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Also load plugin jars from DIR (repeatable; RMNIST_PLUGINS adds more).")
  List<Path> pluginDirs = new ArrayList<>();

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return OK;
  }

  /** Loads the bundled plugins and those in --plugins / RMNIST_PLUGINS; prints load problems. */
  PluginHost openHost() {
    PluginHost host = PluginHost.open(Home.pluginRoots(pluginDirs));
    for (String p : host.problems()) {
      System.err.println("warning: " + p);
    }
    return host;
  }

  /** Refuses {@code --plugins} folders that are not there. */
  private void checkPluginDirs() {
    for (Path d : pluginDirs) {
      if (!Files.isDirectory(d)) {
        throw new ConfigException(
            "--plugins "
                + d
                + ": "
                + (Files.exists(d)
                    ? "not a folder; give the folder that holds the plugin jars"
                    : "no such folder"));
      }
    }
  }

  /** For a command that only groups subcommands: called alone, it is a usage error. */
  static int missingSubcommand(CommandSpec spec) {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing required subcommand: " + String.join(", ", spec.subcommands().keySet()));
  }

  /**
   * Whether an error that reached the command line is the user's input (a missing or malformed
   * file, a value out of range, an unknown name) rather than a failure of the work itself.
   */
  static boolean isBadInput(Throwable ex) {
    return ex instanceof ConfigException
        || ex instanceof PluginException
        || ex instanceof DataFormatException
        || ex instanceof FileSystemException
        || ex instanceof IllegalArgumentException; // what validating constructors throw
  }

  /** The one-line message for an error. */
  static String message(Throwable ex) {
    if (ex instanceof FileSystemException fs && fs.getReason() == null) {
      String why =
          fs instanceof NoSuchFileException
              ? "no such file or folder"
              : fs instanceof FileAlreadyExistsException
                  ? "already exists"
                  : fs instanceof AccessDeniedException
                      ? "permission denied"
                      : fs instanceof NotDirectoryException
                          ? "not a folder"
                          : fs instanceof DirectoryNotEmptyException
                              ? "folder not empty"
                              : fs.getClass().getSimpleName();
      return fs.getFile()
          + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile())
          + ": "
          + why;
    }
    if (ex instanceof FileSystemException fs) {
      return fs.getFile() + ": " + fs.getReason();
    }
    return ex.getMessage() == null ? ex.toString() : ex.getMessage();
  }

  /** Runs the CLI; returns its exit code ({@value #OK}, {@value #FAILED}, {@value #BAD_INPUT}). */
  public static int execute(String... args) {
    RmnistCli root = new RmnistCli();
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("error: " + message(ex));
          if (root.debug) {
            ex.printStackTrace(cmd.getErr());
          }
          return isBadInput(ex) ? BAD_INPUT : FAILED;
        });
    cl.setExecutionStrategy(
        parsed -> {
          Integer help = CommandLine.executeHelpRequest(parsed);
          if (help != null) {
            return help;
          }
          try {
            root.checkPluginDirs();
          } catch (ConfigException e) {
            PrintWriter err = cl.getErr();
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
