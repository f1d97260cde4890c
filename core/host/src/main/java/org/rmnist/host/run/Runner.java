package org.rmnist.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmnist.api.DataContext;
import org.rmnist.api.Progress;
import org.rmnist.api.Splits;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.AtomicFiles;
import org.rmnist.host.util.Home;

/**
 * Runs an experiment: plans the matrix (binding every parameter and hashing every input file before
 * anything is written), skips finished runs, trains and evaluates the rest, appending each run's
 * rows to results.jsonl, and writes the summary table. A failed run, a plugin's {@link Error}
 * included, is reported and the others go on.
 */
public final class Runner {
  /** Where a run with {@code save: true} keeps its trained model, inside its folder. */
  public static final String MODEL_DIR = RunExecution.MODEL_DIR;

  private final PluginHost host;
  private final DataContext data;
  private final Progress progress;
  private final PrintStream log;
  private final boolean rerunStale;
  private final Path root;
  private CodeIdentity code;

  /** What a whole experiment produced; {@code stale}: finished runs made by other code. */
  public record Outcome(
      Path dir,
      int planned,
      int skipped,
      int ran,
      List<String> failures,
      String summary,
      List<String> stale) {}

  /** What a dry run found: one line per run, and the input files it could not find. */
  public record DryRun(List<String> lines, List<String> notes, long done) {}

  /**
   * How a batch of runs went; {@code testPresent}: whether the data loaded had a test split (null
   * when nothing loaded).
   */
  record Batch(
      int skipped, int ran, List<String> failures, List<Stale> stale, Boolean testPresent) {}

  /** A finished run made by other code, and how the code differed. */
  record Stale(PlannedRun run, List<String> differences) {
    @Override
    public String toString() {
      return run.describe() + " (" + String.join("; ", differences) + ")";
    }
  }

  public Runner(PluginHost host, DataContext data, Progress progress, PrintStream log) {
    this(host, data, progress, log, false, Home.root());
  }

  /**
   * @param rerunStale whether finished runs made by other code (see {@link CodeIdentity}) run again
   * @param root the project root, whose {@code data/} holds the data manifests
   */
  public Runner(
      PluginHost host,
      DataContext data,
      Progress progress,
      PrintStream log,
      boolean rerunStale,
      Path root) {
    this.host = host;
    this.data = data;
    this.progress = progress;
    this.log = log;
    this.rerunStale = rerunStale;
    this.root = root;
  }

  /**
   * The runs {@code loaded} expands to, one line each, with every id and parameter bound (so a bad
   * config fails here, before anything is computed), marked "done" when already finished.
   */
  public DryRun dryRun(Loaded loaded, Path resultsRoot) throws IOException {
    ResultStore store = new ResultStore(resultsRoot.resolve(loaded.spec().name()), log);
    InputFiles inputs = new InputFiles(data, root, false);
    List<String> lines = new ArrayList<>();
    long done = 0;
    for (PlannedRun run : Planner.plan(loaded, host, inputs)) {
      boolean finished = store.isDone(run);
      done += finished ? 1 : 0;
      lines.add(
          String.format(
              "%-4s %s  %s n=%d draw=%d seed=%s  model=%s %s  augment=%s",
              finished ? "done" : "todo",
              run.runName(),
              run.draw().name(),
              run.draw().n(),
              run.draw().seed(),
              run.trainSeed().isPresent() ? run.trainSeed().getAsLong() : "all",
              run.modelId(),
              run.params(),
              run.augment()));
    }
    return new DryRun(lines, inputs.notes(), done);
  }

  /** Runs (or resumes) {@code loaded}, writing under {@code resultsRoot/<name>/}. */
  public Outcome run(Loaded loaded, Path resultsRoot) throws IOException {
    InputFiles inputs = new InputFiles(data, root, true);
    // Bind and check everything first: a rejected command writes nothing.
    List<PlannedRun> plan = Planner.plan(loaded, host, inputs);
    ResultStore store = new ResultStore(resultsRoot.resolve(loaded.spec().name()), log);
    code = new CodeIdentity();
    Provenance provenance = new Provenance(store.dir(), loaded, host, code);
    Search search =
        loaded.spec().search() == null
            ? null
            : new Search(searchRuns(loaded, store, provenance, inputs), loaded, store);
    for (Path p : AtomicFiles.cleanTemps(store.dir(), 3)) {
      log.println("removed " + p + ", left by a write that was killed");
    }
    AtomicFiles.cleanTemps(resultsRoot.resolve(".cache"), 3);
    provenance.write();
    if (search != null) {
      return search.run();
    }
    store.rewriteResults(plan, willRun(plan, store));
    Batch batch = executeAll(plan, store, provenance, loaded);
    List<Map<String, Object>> rows = store.rewriteResults(plan);
    String summary = SummaryTable.summary(loaded, rows, batch);
    AtomicFiles.writeString(store.dir().resolve("summary.md"), summary);
    return new Outcome(
        store.dir(),
        plan.size(),
        batch.skipped(),
        batch.ran(),
        batch.failures(),
        summary,
        batch.stale().stream().map(Stale::toString).toList());
  }

  private Search.Runs searchRuns(
      Loaded loaded, ResultStore store, Provenance provenance, InputFiles inputs) {
    return new Search.Runs() {
      @Override
      public Search.Model model(RunSpec base, String where) {
        var model = host.get(ExtensionKind.MODEL, base.model(), where + ".id");
        return new Search.Model(
            model.component().id(),
            ConfigBinder.toMap(Bound.learner(model, base.params(), where + ".params").config()));
      }

      @Override
      public List<PlannedRun> plan(Loaded one) throws IOException {
        return Planner.plan(one, host, inputs);
      }

      @Override
      public Batch execute(List<PlannedRun> plan) throws IOException {
        return executeAll(plan, store, provenance, loaded);
      }
    };
  }

  /** Executes the runs of {@code plan} that are not done yet, appending their results. */
  Batch executeAll(List<PlannedRun> plan, ResultStore store, Provenance provenance, Loaded loaded)
      throws IOException {
    int skipped = 0;
    int ran = 0;
    List<String> failures = new ArrayList<>();
    List<Stale> stale = new ArrayList<>();
    Boolean testPresent = null;
    String dataKey = null;
    String loadFailure = null;
    Splits splits = null;
    Set<String> ranNow = new HashSet<>();
    RunExecution execution = new RunExecution(store, loaded.spec().name(), loaded.spec().splits());
    progress.start(loaded.spec().name(), plan.size());
    for (int i = 0; i < plan.size(); i++) {
      PlannedRun run = plan.get(i);
      String tag = String.format("[%d/%d] %s", i + 1, plan.size(), run.describe());
      var done = store.done(run);
      if (done.isPresent() && memberRan(run, ranNow)) {
        log.println(tag + ": a member ran again, so it is averaged again");
      } else if (done.isPresent()) {
        List<String> diff = code.differences(done.get().code(), run.plugins());
        if (!diff.isEmpty()) {
          log.println(
              tag
                  + ": made by other code: "
                  + String.join("; ", diff)
                  + (rerunStale
                      ? "; training it again"
                      : "; kept (--rerun-stale trains it again)"));
        }
        if (diff.isEmpty() || !rerunStale) {
          if (!diff.isEmpty()) {
            stale.add(new Stale(run, diff));
          }
          skipped++;
          progress.advance(1);
          continue;
        }
      }
      if (!run.draw().key().equals(dataKey)) {
        dataKey = run.draw().key();
        splits = null;
        loadFailure = null;
        try {
          splits = RunExecution.load(run.draw(), data);
          testPresent = splits.test().isPresent();
          provenance.addData(dataKey, splits.provenance());
        } catch (IOException | RuntimeException e) {
          loadFailure = message(e);
        }
      }
      String msg =
          loadFailure != null ? loadFailure : trainAndRecord(run, splits, execution, store, tag);
      if (msg == null) {
        ran++;
        ranNow.add(run.hash());
      } else {
        failures.add(tag + ": failed: " + msg);
        log.println(tag + ": failed: " + msg);
      }
      progress.advance(1);
    }
    progress.done();
    return new Batch(skipped, ran, failures, stale, testPresent);
  }

  /**
   * The hashes of the runs of {@code plan} that {@link #executeAll} will run: those not finished,
   * stale ones under --rerun-stale, and ensembles of any of these. Their old results stay until the
   * new ones replace them, but their rows are left out of results.jsonl, so it never lists a run
   * twice.
   */
  private Set<String> willRun(List<PlannedRun> plan, ResultStore store) {
    Set<String> runs = new HashSet<>();
    for (PlannedRun run : plan) {
      var done = store.done(run);
      if (done.isEmpty()
          || memberRan(run, runs)
          || rerunStale && !code.differences(done.get().code(), run.plugins()).isEmpty()) {
        runs.add(run.hash());
      }
    }
    return runs;
  }

  /** Whether {@code run} is an ensemble one of whose members ran in this batch. */
  private static boolean memberRan(PlannedRun run, Set<String> ranNow) {
    return run instanceof PlannedRun.Ensemble e
        && e.members().stream().anyMatch(m -> ranNow.contains(m.hash()));
  }

  /** Executes one run and records it; returns why it failed, or null. */
  private String trainAndRecord(
      PlannedRun run, Splits splits, RunExecution execution, ResultStore store, String tag) {
    try {
      RunExecution.Result result = execution.execute(run, splits);
      store.finish(run, result, code.of(run.plugins()));
      store.append(run, result.rows());
      for (Map<String, Object> row : result.rows()) {
        log.printf(
            "%s: %s %.2f%% (%.1f s)%n",
            tag,
            row.get("split"),
            ((Double) row.get("accuracy")) * 100,
            (Double) row.get("seconds"));
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return message(e);
    } catch (Error e) {
      // an Error outside the guarded calls into extensions
      return PluginFailure.of(e, "run " + run.runName()).getMessage();
    }
  }

  private static String message(Exception e) {
    return e instanceof PluginFailure || e instanceof java.nio.file.NoSuchFileException
        ? PluginFailure.message(e)
        : e.toString();
  }
}
