package org.rmnist.host.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmnist.api.Progress;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.run.Runner;
import org.rmnist.host.util.ConsoleProgress;
import org.rmnist.host.util.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Runs (or resumes) a YAML experiment and prints its table. */
@Command(
    name = "run",
    description = {
      "Run a YAML experiment; finished runs are skipped, so a " + "killed run resumes.",
      "Overrides: key.path=value, e.g. runs.svm-rbf.params.c=10 or "
          + "datasets.mnist-full.enabled=true"
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand RmnistCli root;

  @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (YAML).")
  Path file;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Overrides.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Where results go (default: results/ in the project).")
  Path resultsDir;

  @Option(
      names = "--dry-run",
      description = "Check the file and list the runs it expands to; train nothing.")
  boolean dryRun;

  @Option(
      names = "--launcher",
      paramLabel = "ID",
      description =
          "Who executes the runs: local (worker processes here, the default) or slurm (a job "
              + "array), or a plugin's launcher; overrides the experiment's launch.id.")
  String launcher;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description =
          "Workers: local processes or Slurm array tasks (default: launch.jobs, else cores / "
              + "threads per run).")
  Integer jobs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads per run (default: launch.threads, else 1); results do not depend on the number "
              + "of workers, so keep this fixed when comparing.")
  Integer threads;

  @Option(
      names = "--rerun-stale",
      description =
          "Train again the finished runs that were made by other code (a plugin or "
              + "host jar that differs from the current one); without it they are kept and listed.")
  boolean rerunStale;

  @Override
  public Integer call() throws Exception {
    ExperimentLoader.Loaded loaded = ExperimentLoader.load(file, overrides);
    Progress progress = ConsoleProgress.forTerminal();
    Path results = resultsDir != null ? resultsDir : Home.results();
    try (PluginHost host = root.openHost()) {
      Runner runner =
          new Runner(
              host, new HostDataContext(progress), progress, System.err, rerunStale, Home.root());
      Runner.LaunchRequest request =
          new Runner.LaunchRequest(launcher, jobs, threads, WorkerCommand.prefix(root.pluginDirs));
      if (dryRun) {
        Runner.DryRun plan = runner.dryRun(loaded, results);
        plan.lines().forEach(System.out::println);
        for (String note : plan.notes()) {
          System.out.println("note: " + note + "; its runs are listed as todo");
        }
        if (loaded.spec().search() == null) {
          System.out.println(
              runner.describeLaunch(
                  loaded, results, request, plan.lines().size() - (int) plan.done()));
        }
        System.out.printf(
            "%s: %d runs, %d already done%n",
            loaded.spec().name(), plan.lines().size(), plan.done());
        return 0;
      }
      Runner.Outcome out = runner.launch(loaded, results, request);
      System.out.println(out.summary());
      System.out.printf(
          "%d runs: %d ran, %d already done, %d failed. Results: %s%n",
          out.planned(), out.ran(), out.skipped(), out.failures().size(), out.dir());
      for (String f : out.failures()) {
        System.err.println(f);
      }
      if (!out.stale().isEmpty() && !rerunStale) {
        System.err.println(
            out.stale().size()
                + " finished runs were made by other code (see "
                + "summary.md); `rmnist run "
                + file
                + " --rerun-stale` trains them again.");
      }
      return out.failures().isEmpty() ? 0 : 1;
    }
  }
}
