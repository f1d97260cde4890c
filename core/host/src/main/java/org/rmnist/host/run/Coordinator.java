package org.rmnist.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.Launcher;
import org.rmnist.api.WorkerExit;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.LaunchSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;

/**
 * The launching side of an experiment: binds the chosen {@link Launcher}, hands it the worker
 * command, shows the workers' progress ({@link Monitor}) while it waits, and afterwards reads what
 * the workers recorded in the folder: runs trained, failed (with the worker and its log), and
 * workers that could not work at all, which become one error rather than one per worker.
 */
final class Coordinator {
  private static final Pattern PEAK = Pattern.compile("peak memory (\\S+ GiB)");

  private final PluginHost host;
  private final Runner.LaunchRequest request;
  private final PrintStream log;
  private Launcher<Record> launcher;
  private Record config;
  private int jobs;
  private int threads;

  /** The prepared experiment a launch works on. */
  record Experiment(
      Loaded loaded,
      List<PlannedRun> plan,
      ResultStore store,
      Set<String> willRun,
      long sessionStart,
      String configSha256,
      boolean rerunStale) {}

  /** The in-process worker, for {@link LaunchContext#runHere()}. */
  interface HereWorker {
    Runner.Batch work() throws IOException;
  }

  Coordinator(PluginHost host, Runner.LaunchRequest request, PrintStream log) {
    this.host = host;
    this.request = request;
    this.log = log;
  }

  /** Resolves the launcher, workers and threads from the command line over the experiment. */
  @SuppressWarnings("unchecked")
  void bind(Loaded loaded) {
    LaunchSpec spec = loaded.spec().launch();
    String id = request.launcher() != null ? request.launcher() : spec.launcher();
    jobs = request.jobs() != null ? request.jobs() : spec.jobs();
    threads = request.threads() != null ? request.threads() : spec.threads();
    if (jobs < 0 || threads < 1) {
      throw new ConfigException(
          "--jobs "
              + jobs
              + " --threads "
              + threads
              + ": expected jobs >= 0 (0: the launcher chooses) and threads >= 1");
    }
    if (request.launcher() == null
        && spec.id() == null
        && !host.ids(ExtensionKind.LAUNCHER).contains(id)) {
      return; // no launcher asked for and none bundled: the runs train in this process
    }
    String where = request.launcher() != null ? "--launcher" : loaded.file() + ": launch.id";
    var registered = host.get(ExtensionKind.LAUNCHER, id, where);
    launcher = (Launcher<Record>) registered.component();
    // launch.params belong to the launcher the file names; with none named, to the one chosen
    boolean own = spec.id() == null || id.equals(spec.id());
    Map<String, Object> params = own ? spec.params() : Map.of();
    if (!own && !spec.params().isEmpty()) {
      log.println(
          "note: "
              + loaded.file()
              + ": launch.params are for launcher '"
              + spec.id()
              + "', not '"
              + id
              + "'; not used");
    }
    config = ConfigBinder.bind(launcher, params, loaded.file() + ": launch.params");
  }

  int threads() {
    return threads;
  }

  /** The launcher's {@link Launcher#describe} for a dry run. */
  String describe(Loaded loaded, Path dir, String configSha256, int runsToDo) {
    if (launcher == null) {
      return "no launcher plugin is loaded: the runs train in this process, one after another";
    }
    LaunchContext ctx =
        new HostLaunchContext(
            new HostLaunchContext.Launch(loaded, dir, runsToDo, configSha256, false, -1),
            request.workerPrefix(),
            jobs,
            threads,
            log,
            null,
            null);
    return launcher.describe(config, ctx);
  }

  /** Launches the workers, waits for them with a progress line, and collects the outcome. */
  Runner.Batch execute(
      Experiment e, HereWorker here, BiFunction<PlannedRun, ResultStore.Done, List<String>> staleOf)
      throws IOException {
    Path dir = e.store().dir().toAbsolutePath().normalize();
    int todo = 0;
    for (PlannedRun run : e.plan()) {
      todo += e.willRun().contains(run.hash()) ? 1 : 0;
    }
    List<WorkerExit> exits = List.of();
    if (todo > 0) {
      Monitor monitor = new Monitor(e, log);
      LaunchContext ctx =
          new HostLaunchContext(
              new HostLaunchContext.Launch(
                  e.loaded(), dir, todo, e.configSha256(), e.rerunStale(), e.sessionStart()),
              request.workerPrefix(),
              jobs,
              threads,
              log,
              here,
              monitor);
      monitor.start();
      try {
        exits =
            launcher == null
                ? List.of(new WorkerExit("this process", ctx.runHere(), null))
                : launcher.launch(config, ctx);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for the workers");
      } finally {
        monitor.stop();
      }
    }
    return outcome(e, exits, staleOf);
  }

  private Runner.Batch outcome(
      Experiment e,
      List<WorkerExit> exits,
      BiFunction<PlannedRun, ResultStore.Done, List<String>> staleOf)
      throws IOException {
    List<WorkerExit> crashed = new ArrayList<>();
    List<WorkerExit> notShared = new ArrayList<>();
    List<WorkerExit> badInput = new ArrayList<>();
    List<String> peaks = new ArrayList<>();
    for (WorkerExit w : exits) {
      String tail = tail(w.log());
      Matcher m = PEAK.matcher(tail);
      String peak = null;
      while (m.find()) {
        peak = m.group(1);
      }
      if (peak != null) {
        peaks.add(w.worker() + " " + peak);
      }
      switch (w.exitCode()) {
        case LaunchContext.EXIT_OK, LaunchContext.EXIT_RUNS_FAILED -> {}
        case LaunchContext.EXIT_NOT_SHARED -> notShared.add(w);
        case LaunchContext.EXIT_BAD_INPUT -> badInput.add(w);
        default -> crashed.add(w);
      }
    }
    if (!peaks.isEmpty()) {
      log.println("peak memory per worker: " + String.join(", ", peaks));
    }
    if (!notShared.isEmpty()) {
      throw new ConfigException(
          notShared.size()
              + " of "
              + exits.size()
              + " workers could not see "
              + Provenance.file(e.store().dir().toAbsolutePath())
              + ", which this command wrote: the results folder is not shared between this "
              + "machine and the workers' (give --results-dir a folder on a shared file system, "
              + "at the same path everywhere); "
              + logs(notShared));
    }
    if (!badInput.isEmpty()) {
      throw new ConfigException(
          badInput.size()
              + " of "
              + exits.size()
              + " workers rejected their input: "
              + lastError(badInput.get(0).log())
              + "; "
              + logs(badInput));
    }
    for (WorkerExit w : crashed) {
      log.println(
          "warning: "
              + w.worker()
              + " ended with exit code "
              + w.exitCode()
              + (w.log() == null ? "" : " (log: " + w.log() + "): " + lastError(w.log())));
    }
    return collect(e, crashed, staleOf);
  }

  /** What the folder says now about each run of the plan. */
  private Runner.Batch collect(
      Experiment e,
      List<WorkerExit> crashed,
      BiFunction<PlannedRun, ResultStore.Done, List<String>> staleOf) {
    int skipped = 0;
    int ran = 0;
    List<String> failures = new ArrayList<>();
    List<Runner.Stale> stale = new ArrayList<>();
    Boolean testPresent = null;
    ResultStore store = e.store();
    for (int i = 0; i < e.plan().size(); i++) {
      PlannedRun run = e.plan().get(i);
      String tag = run.tag(i, e.plan().size());
      var done = store.done(run);
      boolean fresh = done.isPresent() && store.doneSince(run, e.sessionStart());
      var failure = store.failedSince(run, e.sessionStart());
      // a run that was to run again (stale, or an ensemble of a member that ran) and did not,
      // without failing, keeps its old result
      if (done.isPresent() && (fresh || failure.isEmpty())) {
        if (fresh) {
          ran++;
        } else {
          skipped++;
          List<String> diff = staleOf.apply(run, done.get());
          if (!diff.isEmpty()) {
            stale.add(new Runner.Stale(run, diff));
          }
        }
        for (Map<String, Object> row : done.get().rows()) {
          boolean test = "test".equals(row.get("split"));
          testPresent = test || Boolean.TRUE.equals(testPresent) ? Boolean.TRUE : Boolean.FALSE;
        }
        continue;
      }
      if (failure.isPresent()) {
        failures.add(tag + ": failed: " + Worker.failureText(failure.get()));
      } else {
        failures.add(
            tag
                + ": not trained: no worker finished it"
                + (crashed.isEmpty()
                    ? ""
                    : " (" + crashed.size() + " worker(s) crashed: " + logs(crashed) + ")")
                + "; run the command again to resume");
      }
    }
    if (testPresent == Boolean.FALSE && !e.loaded().spec().splits().contains("test")) {
      testPresent = null;
    }
    return new Runner.Batch(skipped, ran, failures, stale, testPresent);
  }

  private static String logs(List<WorkerExit> exits) {
    List<String> paths = new ArrayList<>();
    for (WorkerExit w : exits) {
      paths.add(w.worker() + (w.log() == null ? "" : ": " + w.log()));
    }
    return "logs: "
        + String.join(", ", paths.subList(0, Math.min(3, paths.size())))
        + (paths.size() > 3 ? " and " + (paths.size() - 3) + " more" : "");
  }

  /** The last 8 KiB of a log, or "" when it cannot be read. */
  static String tail(Path log) {
    if (log == null || !Files.isRegularFile(log)) {
      return "";
    }
    try (var ch = Files.newByteChannel(log)) {
      long from = Math.max(0, ch.size() - 8192);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
      ch.position(from);
      while (b.hasRemaining() && ch.read(b) > 0) {
        // read the tail only: a worker's log grows with every run
      }
      return new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last line of a log that starts with "error:", else its last line. */
  static String lastError(Path log) {
    List<String> lines = tail(log).lines().filter(l -> !l.isBlank()).toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("error:")) {
        return lines.get(i).substring("error:".length()).trim();
      }
    }
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }
}
