package org.rmnist.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rmnist.api.DataContext;
import org.rmnist.api.LaunchContext;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.plugin.PluginHost;

/**
 * One worker process's work ({@code rmnist worker}): plans the experiment as the launching command
 * did, checks that it sees the folder that command prepared and that the experiment has not changed
 * since, then claims and trains runs until none is left. Returns a {@link LaunchContext} exit code.
 * Its runs and their fits report to the data context's progress, the one the command made.
 */
public final class WorkerMain {
  private final PluginHost host;
  private final DataContext data;
  private final PrintStream log;
  private final boolean rerunStale;
  private final Path root;

  /**
   * What a worker process was told.
   *
   * @param name how it appears in claims and failures
   * @param sessionStart when the launching command began (epoch ms)
   * @param threads threads per run
   * @param configSha256 the experiment's config hash at launch, or null to skip the check
   * @param logFile where its output goes (named in failures), or null
   */
  public record Request(
      String name, long sessionStart, int threads, String configSha256, String logFile) {}

  public WorkerMain(
      PluginHost host, DataContext data, PrintStream log, boolean rerunStale, Path root) {
    this.host = host;
    this.data = data;
    this.log = log;
    this.rerunStale = rerunStale;
    this.root = root;
  }

  /** Works on {@code loaded}'s folder under {@code resultsRoot}; returns the exit code. */
  public int work(Loaded loaded, Path resultsRoot, Request request) throws IOException {
    List<PlannedRun> plan = Planner.plan(loaded, host, new InputFiles(data, root, true));
    ResultStore store = new ResultStore(resultsRoot.resolve(loaded.spec().name()), log);
    String expected = request.configSha256();
    String mine = Provenance.configOf(loaded);
    if (expected != null && !expected.equals(mine)) {
      throw new ConfigException(
          loaded.file()
              + ": changed since the experiment was launched (config sha256 "
              + mine.substring(0, 12)
              + " here, "
              + expected.substring(0, Math.min(12, expected.length()))
              + " at launch); launch it again");
    }
    Path provenance = Provenance.file(store.dir());
    if (!Files.isRegularFile(provenance)) {
      log.println(
          "error: "
              + provenance
              + " is not there on "
              + Claim.hostName()
              + ": the launching command writes it before any worker starts, so the results "
              + "folder is not shared between that machine and this one (use a folder on a "
              + "shared file system, at the same path everywhere: --results-dir)");
      return LaunchContext.EXIT_NOT_SHARED;
    }
    Worker.Settings settings =
        new Worker.Settings(
            request.name(),
            request.sessionStart(),
            rerunStale,
            request.threads(),
            request.logFile());
    Worker worker =
        new Worker(
            data,
            store,
            new CodeIdentity(),
            loaded.spec().name(),
            loaded.spec().splits(),
            settings,
            log,
            data.progress());
    Runner.Batch batch = worker.work(plan, request.name());
    log.printf(
        "worker %s: %d trained, %d failed; peak memory %s%n",
        request.name(), batch.ran(), batch.failures().size(), PeakMemory.describe());
    return batch.failures().isEmpty() ? LaunchContext.EXIT_OK : LaunchContext.EXIT_RUNS_FAILED;
  }
}
