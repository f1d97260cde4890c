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
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.report.HtmlReport;
import org.rmnist.host.report.ResultsFolder;
import org.rmnist.host.util.Home;
import org.rmnist.support.AtomicFiles;

/**
 * Runs an experiment: plans the matrix (binding every parameter and hashing every input file before
 * anything is written), skips finished runs, trains and evaluates the rest, appending each run's
 * rows to results.jsonl, and writes the summary table. A failed run, a plugin's {@link Error}
 * included, is reported and the others go on.
 */
public final class Runner {
  /** Where a run with {@code save: true} keeps its trained model, inside its folder. */
  public static final String MODEL_DIR = RunExecution.MODEL_DIR;

  /** The report every run leaves in its experiment's folder. */
  public static final String REPORT = "report.html";

  private final PluginHost host;
  private final DataContext data;
  private final Progress progress;
  private final PrintStream log;
  private final boolean rerunStale;
  private final Path root;
  private CodeIdentity code;
  private int threads = 1;

  /**
   * How to launch an experiment, from the command line; null fields fall back to the experiment's
   * {@code launch:} section.
   *
   * @param launcher the launcher's id, or null
   * @param jobs workers, or null (0: the launcher chooses)
   * @param threads threads per run, or null
   * @param workerPrefix the command that starts a worker, up to its own arguments (Java, class
   *     path, main class, {@code worker}, global options such as --plugins)
   */
  public record LaunchRequest(
      String launcher, Integer jobs, Integer threads, List<String> workerPrefix) {}

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

  /** A draw's labelled images and, per row, their nearest pool images in a run's feature space. */
  public record Nearest(org.rmnist.api.ImageSet labelled, org.rmnist.api.ImageSet neighbours) {}

  /**
   * For each training image of data set {@code dataset} at {@code n} and {@code drawSeed}, the
   * {@code count} pool images nearest it (cosine) in run {@code run}'s feature space (its {@code
   * features:}, computed through the feature cache under {@code resultsRoot}), or in pixels when
   * {@code run} is null. The pool's labels are never read.
   */
  public Nearest neighbours(
      Loaded loaded, String run, String dataset, int n, long drawSeed, Path resultsRoot, int count)
      throws IOException {
    for (PlannedRun p : Planner.plan(loaded, host, new InputFiles(data, root, true))) {
      PlannedRun.Draw d = p.draw();
      if (!d.name().equals(dataset) || d.n() != n || d.seed() != drawSeed) {
        continue;
      }
      if (run != null && !(p instanceof PlannedRun.Trained t && t.runName().equals(run))) {
        continue;
      }
      org.rmnist.api.ImageSet drawn =
          RunExecution.load(d, data, resultsRoot.resolve(".cache"), 1, progress).train();
      org.rmnist.api.ImageSet labelled =
          drawn.select(
              java.util.stream.IntStream.range(0, drawn.size())
                  .boxed()
                  .sorted(java.util.Comparator.comparingInt(i -> drawn.labels()[i]))
                  .mapToInt(Integer::intValue)
                  .toArray());
      org.rmnist.api.UnlabelledImages pool = UnlabelledView.pool(d, data);
      org.rmnist.api.ImageSet queries = labelled;
      org.rmnist.api.UnlabelledImages vectors = pool;
      if (run != null) {
        PlannedRun.Trained t = (PlannedRun.Trained) p;
        if (t.features().isEmpty()) {
          throw new org.rmnist.host.ConfigException(
              "--neighbours: run '" + run + "' has no features: section; name runs with one");
        }
        FeatureStage.Result f =
            new FeatureStage(resultsRoot.resolve(".cache/features"))
                .apply(t.features().get(), labelled, Map.of("unlabelled", pool.asImageSet()), 1);
        queries = f.train();
        vectors = org.rmnist.api.UnlabelledImages.of(f.eval().get("unlabelled"));
      }
      return new Nearest(labelled, Neighbours.nearest(queries, vectors, pool, count));
    }
    throw new org.rmnist.host.ConfigException(
        loaded.file()
            + ": no run"
            + (run == null ? "" : " '" + run + "'")
            + " trains on data set '"
            + dataset
            + "' with n = "
            + n
            + " and draw seed "
            + drawSeed);
  }

  /**
   * The training images of data set {@code dataset} at {@code n} and {@code drawSeed}, exactly as
   * the runs of {@code loaded} train on them: the data set's draw, or the set its builder makes
   * (read from, or built into, the cache under {@code resultsRoot}).
   */
  public org.rmnist.api.ImageSet trainingSet(
      Loaded loaded, String dataset, int n, long drawSeed, Path resultsRoot) throws IOException {
    List<String> draws = new ArrayList<>();
    for (PlannedRun run : Planner.plan(loaded, host, new InputFiles(data, root, true))) {
      PlannedRun.Draw d = run.draw();
      if (d.name().equals(dataset) && d.n() == n && d.seed() == drawSeed) {
        return RunExecution.load(d, data, resultsRoot.resolve(".cache"), 1, progress).train();
      }
      String at = d.name() + " n=" + d.n() + " draw=" + d.seed();
      if (!draws.contains(at)) {
        draws.add(at);
      }
    }
    throw new org.rmnist.host.ConfigException(
        loaded.file()
            + ": no run trains on data set '"
            + dataset
            + "' with n = "
            + n
            + " and draw seed "
            + drawSeed
            + "; the runs train on: "
            + String.join(", ", draws));
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

  /**
   * Runs (or resumes) {@code loaded} in this process (one worker, which still claims its runs, so
   * other commands may work on the same folder), writing under {@code resultsRoot/<name>/}.
   */
  public Outcome run(Loaded loaded, Path resultsRoot) throws IOException {
    Prepared p = prepare(loaded, resultsRoot);
    if (p.search() != null) {
      Outcome out = p.search().run();
      writeReport(p, List.of());
      return out;
    }
    p.store().rewriteResults(p.plan(), p.willRun());
    Batch batch = worker(p, loaded).work(p.plan(), loaded.spec().name());
    return finish(p, loaded, batch);
  }

  /**
   * Runs (or resumes) {@code loaded} through a launcher: the runs are planned and checked here,
   * workers started by the launcher train them, and this process shows their progress and writes
   * the table. A search runs here, in this process, round after round.
   */
  public Outcome launch(Loaded loaded, Path resultsRoot, LaunchRequest request) throws IOException {
    Coordinator coordinator = new Coordinator(host, request, log);
    coordinator.bind(loaded); // a bad launcher or parameter fails before anything is written
    threads = coordinator.threads();
    Prepared p = prepare(loaded, resultsRoot);
    if (p.search() != null) {
      if (request.jobs() != null && request.jobs() > 1) {
        log.println("note: a search runs its rounds one after another in this process");
      }
      Outcome out = p.search().run();
      writeReport(p, List.of());
      return out;
    }
    ResultStore store = p.store();
    store.rewriteResults(p.plan(), p.willRun());
    Batch batch =
        coordinator.execute(
            new Coordinator.Experiment(
                loaded,
                p.plan(),
                store,
                p.willRun(),
                p.sessionStart(),
                p.provenance().configSha256(),
                rerunStale),
            () -> worker(p, loaded).work(p.plan(), loaded.spec().name()),
            this::staleOf);
    return finish(p, loaded, batch);
  }

  /** What {@code --dry-run} prints for the launcher: the worker command or batch script. */
  public String describeLaunch(
      Loaded loaded, Path resultsRoot, LaunchRequest request, int runsToDo) {
    Coordinator coordinator = new Coordinator(host, request, log);
    coordinator.bind(loaded);
    Path dir = resultsRoot.resolve(loaded.spec().name()).toAbsolutePath().normalize();
    return coordinator.describe(loaded, dir, Provenance.configOf(loaded), runsToDo);
  }

  /** A planned, checked experiment whose folder is ready. */
  private record Prepared(
      List<PlannedRun> plan,
      ResultStore store,
      Provenance provenance,
      Search search,
      Set<String> willRun,
      long sessionStart) {}

  private Prepared prepare(Loaded loaded, Path resultsRoot) throws IOException {
    long sessionStart = System.currentTimeMillis();
    InputFiles inputs = new InputFiles(data, root, true);
    // Bind and check everything first: a rejected command writes nothing.
    List<PlannedRun> plan = Planner.plan(loaded, host, inputs);
    ResultStore store = new ResultStore(resultsRoot.resolve(loaded.spec().name()), log);
    code = new CodeIdentity();
    Provenance provenance = new Provenance(store.dir(), loaded, host, code);
    Search search =
        loaded.spec().search() == null
            ? null
            : new Search(searchRuns(loaded, store, sessionStart), loaded, store);
    for (Path p : AtomicFiles.deleteLeftovers(store.dir(), 3)) {
      log.println("removed " + p + ", left by a write that was killed");
    }
    AtomicFiles.deleteLeftovers(resultsRoot.resolve(".cache"), 3);
    try {
      provenance.write();
    } catch (java.nio.file.FileSystemException e) {
      // one error before any worker starts, rather than one per worker
      throw new org.rmnist.host.ConfigException(
          store.dir()
              + ": cannot write the experiment's results there ("
              + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName())
              + (e.getFile() != null ? ": " + e.getFile() : "")
              + "); give --results-dir a folder this user can write to",
          e);
    }
    return new Prepared(plan, store, provenance, search, willRun(plan, store), sessionStart);
  }

  private Outcome finish(Prepared p, Loaded loaded, Batch batch) throws IOException {
    List<Map<String, Object>> rows = p.store().rewriteResults(p.plan());
    String summary = SummaryTable.summary(loaded, rows, batch);
    AtomicFiles.writeString(p.store().dir().resolve("summary.md"), summary);
    writeReport(p, p.plan());
    return new Outcome(
        p.store().dir(),
        p.plan().size(),
        batch.skipped(),
        batch.ran(),
        batch.failures(),
        summary,
        batch.stale().stream().map(Stale::toString).toList());
  }

  /**
   * Writes report.html beside the table, after adding the pictures finished runs of {@code
   * pictured} lack; a report that cannot be made is a line in the log, never a failed experiment.
   */
  private void writeReport(Prepared p, List<PlannedRun> pictured) {
    Path out = p.store().dir().resolve(REPORT);
    try {
      new ReportArtifacts(p.store(), data, log).fill(pictured);
      HtmlReport.write(List.of(ResultsFolder.read(p.store().dir())), out);
      log.println("report: " + out);
    } catch (IOException | RuntimeException e) {
      log.println("report: not written (" + e.getMessage() + ")");
    }
  }

  private Worker worker(Prepared p, Loaded loaded) {
    return worker(p.store(), loaded, p.sessionStart());
  }

  private Worker worker(ResultStore store, Loaded loaded, long sessionStart) {
    return new Worker(
        data,
        store,
        code,
        loaded.spec().name(),
        loaded.spec().splits(),
        new Worker.Settings(
            "main-" + ProcessHandle.current().pid(), sessionStart, rerunStale, threads, null),
        log,
        progress);
  }

  /** The differences that make a finished run stale, empty when it is current. */
  private List<String> staleOf(PlannedRun run, ResultStore.Done done) {
    return code.differences(done.code(), run.plugins());
  }

  private Search.Runs searchRuns(Loaded loaded, ResultStore store, long sessionStart) {
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
        return Planner.plan(one, host, new InputFiles(data, root, true));
      }

      @Override
      public Batch execute(List<PlannedRun> plan) throws IOException {
        return worker(store, loaded, sessionStart).work(plan, loaded.spec().name());
      }
    };
  }

  /**
   * The hashes of the runs of {@code plan} that will run: those not finished, stale ones under
   * --rerun-stale, and ensembles and students of any of these. Their old results stay until the new
   * ones replace them, but their rows are left out of results.jsonl, so it never lists a run twice.
   */
  private Set<String> willRun(List<PlannedRun> plan, ResultStore store) {
    Set<String> runs = new HashSet<>();
    Set<String> teachers = Worker.teachers(plan);
    for (PlannedRun run : plan) {
      var done = store.done(run);
      if (done.isEmpty()
          || teachers.contains(run.hash()) && !store.taughtSaved(run)
          || run instanceof PlannedRun.Ensemble e
              && e.members().stream().anyMatch(m -> runs.contains(m.hash()))
          || run instanceof PlannedRun.Trained t
              && t.teacher().filter(m -> runs.contains(m.hash())).isPresent()
          || rerunStale && !code.differences(done.get().code(), run.plugins()).isEmpty()) {
        runs.add(run.hash());
      }
    }
    return runs;
  }

  static String message(Exception e) {
    return e instanceof PluginFailure || e instanceof java.nio.file.NoSuchFileException
        ? PluginFailure.message(e)
        : e.toString();
  }
}
