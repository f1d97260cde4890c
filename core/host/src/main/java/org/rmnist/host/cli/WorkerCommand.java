package org.rmnist.host.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.run.WorkerMain;
import org.rmnist.host.util.ConsoleProgress;
import org.rmnist.host.util.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * One worker of a launched experiment: what launchers start, on this machine or a cluster node. It
 * claims the experiment's runs that are not done, one at a time, and trains them; its exit code
 * tells the launching command how it ended (see {@link org.rmnist.api.LaunchContext}). Its output
 * goes to a log, so progress comes as plain lines, at most one per {@link
 * ConsoleProgress#LOG_INTERVAL}.
 */
@Command(
    name = "worker",
    hidden = true,
    description = {
      "Claim and train an experiment's runs until none is left (started by launchers; "
          + "`rmnist run` prepares the folder first)."
    })
final class WorkerCommand implements Callable<Integer> {
  /** Set by a launcher: the worker's name in claims and failures. */
  static final String NAME_ENV = "RMNIST_WORKER_NAME";

  /** Set by a launcher: the file the worker's output goes to, named in failures. */
  static final String LOG_ENV = "RMNIST_WORKER_LOG";

  @ParentCommand RmnistCli root;

  @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (YAML).")
  Path file;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Overrides.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--results-dir", paramLabel = "DIR", required = true)
  Path resultsDir;

  @Option(names = "--session", paramLabel = "MILLIS", description = "When the launch began.")
  long session = System.currentTimeMillis();

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1")
  int threads;

  @Option(names = "--config-sha256", paramLabel = "HEX")
  String configSha256;

  @Option(names = "--rerun-stale")
  boolean rerunStale;

  @Override
  public Integer call() throws Exception {
    ExperimentLoader.Loaded loaded = ExperimentLoader.load(file, overrides);
    String name = System.getenv(NAME_ENV);
    if (name == null || name.isBlank()) {
      name = "worker-" + ProcessHandle.current().pid();
    }
    try (PluginHost host = root.openHost()) {
      WorkerMain worker =
          new WorkerMain(
              host,
              new HostDataContext(ConsoleProgress.forLog(System.err)),
              System.err,
              rerunStale,
              Home.root());
      return worker.work(
          loaded,
          resultsDir,
          new WorkerMain.Request(name, session, threads, configSha256, System.getenv(LOG_ENV)));
    }
  }

  /**
   * The command that starts a worker like this process: the same Java, JVM options (less debugger
   * and agent options) and class path, then {@code worker} and the --plugins folders.
   */
  static List<String> prefix(List<Path> pluginDirs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-agentlib:")
          && !arg.startsWith("-javaagent:")
          && !arg.startsWith("-Xrunjdwp")
          && !arg.equals("-Xdebug")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RmnistCli.class.getName());
    cmd.add("worker");
    for (Path d : pluginDirs) {
      cmd.add("--plugins");
      cmd.add(d.toAbsolutePath().normalize().toString());
    }
    return cmd;
  }
}
