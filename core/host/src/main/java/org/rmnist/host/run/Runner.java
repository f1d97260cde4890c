package org.rmnist.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.api.DataContext;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Predictions;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.Splits;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.AtomicFiles;

/**
 * Runs an experiment: plans the matrix, skips finished runs, trains and evaluates the rest, and after
 * each run rebuilds results.jsonl and the summary table. A failed run is reported and the others go
 * on.
 */
public final class Runner {
  /** Where a run with {@code save: true} keeps its trained model, inside its folder. */
  public static final String MODEL_DIR = "model";

  private final PluginHost host;
  private final DataContext data;
  private final Progress progress;
  private final PrintStream log;

  /** What a whole experiment produced. */
  public record Outcome(Path dir, int planned, int skipped, int ran, List<String> failures,
      String summary) {}

  public Runner(PluginHost host, DataContext data, Progress progress, PrintStream log) {
    this.host = host;
    this.data = data;
    this.progress = progress;
    this.log = log;
  }

  /**
   * The runs {@code loaded} expands to, one line each, with every id and parameter bound (so a bad
   * config fails here, before anything is computed), marked "done" when already finished.
   */
  public List<String> dryRun(Loaded loaded, Path resultsRoot) {
    ResultStore store = new ResultStore(resultsRoot.resolve(loaded.spec().name()));
    List<String> lines = new ArrayList<>();
    for (PlannedRun run : Planner.plan(loaded, host)) {
      lines.add(String.format("%-4s %s  %s n=%d draw=%d seed=%d  model=%s %s  augment=%s",
          store.isDone(run) ? "done" : "todo", run.runName(), run.datasetName(), run.n(),
          run.drawSeed(), run.trainSeed(), run.modelId(), run.params(),
          run.isEnsemble() ? "members' own" : run.pipeline().describe()));
    }
    return lines;
  }

  /** Runs (or resumes) {@code loaded}, writing under {@code resultsRoot/<name>/}. */
  public Outcome run(Loaded loaded, Path resultsRoot) throws IOException {
    ResultStore store = new ResultStore(resultsRoot.resolve(loaded.spec().name()));
    Provenance provenance = new Provenance(store.dir(), loaded, host);
    provenance.write();
    if (loaded.spec().search() != null) {
      return new Search(this, loaded, store, provenance).run();
    }
    List<PlannedRun> plan = Planner.plan(loaded, host);
    Counts counts = executeAll(plan, store, provenance, loaded, plan);
    List<Map<String, Object>> rows = store.rebuildResults(plan);
    StringBuilder summary = new StringBuilder("# ").append(loaded.spec().name()).append("\n\n");
    if (!loaded.spec().description().isBlank()) {
      summary.append(loaded.spec().description().strip()).append("\n\n");
    }
    summary.append(SummaryTable.render(loaded.spec(), rows, "validation"));
    if (rows.stream().anyMatch(r -> "test".equals(r.get("split")))) {
      summary.append("\n").append(SummaryTable.render(loaded.spec(), rows, "test"));
    } else if (loaded.spec().splits().contains("test")) {
      summary.append("\nTest set: absent (no t10k files next to the training files), "
          + "so no test accuracy is reported.\n");
    }
    AtomicFiles.writeString(store.dir().resolve("summary.md"), summary.toString());
    return new Outcome(store.dir(), plan.size(), counts.skipped, counts.ran, counts.failures,
        summary.toString());
  }

  /** How a batch of runs went. */
  static final class Counts {
    int skipped;
    int ran;
    final List<String> failures = new ArrayList<>();
  }

  /**
   * Executes the runs of {@code plan} that are not done yet; after each, results.jsonl is rebuilt
   * from {@code listed} (the runs the experiment's results show).
   */
  Counts executeAll(List<PlannedRun> plan, ResultStore store, Provenance provenance,
      Loaded loaded, List<PlannedRun> listed) throws IOException {
    Counts counts = new Counts();
    String dataKey = null;
    Splits splits = null;
    progress.start(loaded.spec().name(), plan.size());
    for (int i = 0; i < plan.size(); i++) {
      PlannedRun run = plan.get(i);
      String tag = String.format("[%d/%d] %s %s n=%d draw=%d seed=%d", i + 1, plan.size(),
          run.runName(), run.datasetName(), run.n(), run.drawSeed(), run.trainSeed());
      if (store.isDone(run)) {
        counts.skipped++;
        progress.advance(1);
        continue;
      }
      try {
        if (!run.dataKey().equals(dataKey)) {
          splits = load(run);
          dataKey = run.dataKey();
          provenance.addData(dataKey, splits.provenance());
        }
        List<Map<String, Object>> rows = execute(run, splits, store, loaded.spec().name(),
            loaded.spec().splits());
        counts.ran++;
        for (Map<String, Object> row : rows) {
          log.printf("%s: %s %.2f%% (%.1f s)%n", tag, row.get("split"),
              ((Double) row.get("accuracy")) * 100, (Double) row.get("seconds"));
        }
        store.rebuildResults(listed);
      } catch (IOException | RuntimeException e) {
        String msg = tag + ": failed: " + e;
        counts.failures.add(msg);
        log.println(msg);
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof UncheckedIOException) {
          dataKey = null;
        }
      }
      progress.advance(1);
    }
    progress.done();
    return counts;
  }

  PluginHost host() {
    return host;
  }

  @SuppressWarnings("unchecked")
  private Splits load(PlannedRun run) throws IOException {
    var dataset = (Dataset<Record>) run.dataset().component();
    return dataset.load(run.datasetConfig(), new DatasetRequest(run.n(), run.drawSeed()), data);
  }

  private List<Map<String, Object>> execute(PlannedRun run, Splits splits, ResultStore store,
      String experiment, List<String> wantedSplits) throws IOException {
    Map<String, ImageSet> eval = new LinkedHashMap<>();
    if (wantedSplits.contains("validation")) {
      eval.put("validation", splits.validation());
    }
    if (wantedSplits.contains("test") && splits.test().isPresent()) {
      eval.put("test", splits.test().get());
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    Map<String, Predictions> predictions = new LinkedHashMap<>();
    Map<String, Double> predictSeconds = new LinkedHashMap<>();
    int threads = Runtime.getRuntime().availableProcessors();
    if (run.isEnsemble()) {
      average(run, store, eval.keySet(), metrics, predictions, predictSeconds);
    } else {
      train(run, splits, store, eval, threads, metrics, predictions, predictSeconds);
    }
    double fitSeconds = ((Number) metrics.get("fit_seconds")).doubleValue();
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, int[][]> confusion = new LinkedHashMap<>();
    for (Map.Entry<String, ImageSet> e : eval.entrySet()) {
      Predictions pred = predictions.get(e.getKey());
      if (pred.classes() != splits.classes() || pred.size() != e.getValue().size()) {
        throw new IllegalStateException("model '" + run.modelId() + "' returned " + pred.size()
            + " rows of " + pred.classes() + " classes for " + e.getValue().size() + " "
            + e.getKey() + " images of " + splits.classes() + " classes");
      }
      double accuracy = pred.accuracy(e.getValue().labels());
      confusion.put(e.getKey(), pred.confusion(e.getValue().labels()));
      metrics.put(e.getKey() + "_accuracy", accuracy);
      metrics.put(e.getKey() + "_predict_seconds", predictSeconds.get(e.getKey()));
      rows.add(row(run, splits, experiment, e.getKey(), accuracy, fitSeconds,
          predictSeconds.get(e.getKey()), threads));
    }
    Map<String, Object> config = new LinkedHashMap<>(run.identity());
    config.put("data_provenance", splits.provenance());
    store.finish(run, config, metrics, confusion, predictions, rows);
    return rows;
  }

  @SuppressWarnings("unchecked")
  private void train(PlannedRun run, Splits splits, ResultStore store, Map<String, ImageSet> eval,
      int threads, Map<String, Object> metrics, Map<String, Predictions> predictions,
      Map<String, Double> predictSeconds) throws IOException {
    var model = (Model<Record>) run.model().component();
    ImageSet train = run.pipeline().expand(splits.train(),
        new Seed(run.drawSeed()).derive("expand"));
    Seed seed = new Seed(run.trainSeed());
    TrainContext ctx = new TrainContext(seed, splits.classes(), Progress.NONE,
        store.runDir(run).resolve("work"), threads,
        run.pipeline().onTheFly(seed.derive("onTheFly")));
    ImageSet validation = splits.validation();
    long t0 = System.nanoTime();
    if (run.features() != null) {
      Map<String, ImageSet> sets = new LinkedHashMap<>(eval);
      sets.putIfAbsent("validation", validation);
      FeatureStage.Result f = new FeatureStage(store.dir().getParent().resolve(".cache/features"))
          .apply(run.features(), train, sets, threads);
      train = f.train();
      validation = f.eval().get("validation");
      eval = new LinkedHashMap<>(eval);
      eval.replaceAll((k, v) -> f.eval().get(k));
      metrics.put("features", f.facts());
    }
    try (TrainedModel trained = model.fit(run.modelConfig(), train, validation, ctx)) {
      metrics.put("fit_seconds", (System.nanoTime() - t0) / 1e9);
      metrics.put("train_images", train.size());
      metrics.put("facts", trained.facts());
      if (run.runSpec().save()) {
        trained.save(store.runDir(run).resolve(MODEL_DIR));
      }
      for (Map.Entry<String, ImageSet> e : eval.entrySet()) {
        long p0 = System.nanoTime();
        predictions.put(e.getKey(), trained.predict(e.getValue()));
        predictSeconds.put(e.getKey(), (System.nanoTime() - p0) / 1e9);
      }
    }
  }

  /** An ensemble: the mean of its members' saved probabilities; its cost is theirs summed. */
  private static void average(PlannedRun run, ResultStore store, java.util.Set<String> splits,
      Map<String, Object> metrics, Map<String, Predictions> predictions,
      Map<String, Double> predictSeconds) throws IOException {
    double fit = 0;
    for (PlannedRun m : run.members()) {
      fit += ((Number) store.metrics(m).get("fit_seconds")).doubleValue();
    }
    metrics.put("fit_seconds", fit);
    metrics.put("members", run.members().stream().map(PlannedRun::dirName).toList());
    for (String split : splits) {
      float[] sum = null;
      int classes = 0;
      double seconds = 0;
      for (PlannedRun m : run.members()) {
        Predictions p = store.predictions(m, split);
        if (sum == null) {
          sum = new float[p.probabilities().length];
          classes = p.classes();
        } else if (p.probabilities().length != sum.length) {
          throw new IllegalStateException("ensemble " + run.runName() + ": member "
              + m.runName() + " has " + p.size() + " " + split + " predictions, not "
              + sum.length / classes);
        }
        for (int i = 0; i < sum.length; i++) {
          sum[i] += p.probabilities()[i] / run.members().size();
        }
        seconds += ((Number) store.metrics(m).get(split + "_predict_seconds")).doubleValue();
      }
      predictions.put(split, new Predictions(sum, classes));
      predictSeconds.put(split, seconds);
    }
  }

  private static Map<String, Object> row(PlannedRun run, Splits splits, String experiment,
      String split, double accuracy, double fitSeconds, double predictSeconds, int threads) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("experiment", experiment);
    r.put("run", run.runName());
    r.put("dataset", run.datasetName());
    r.put("n", run.n());
    r.put("protocol", splits.provenance().getOrDefault("protocol", run.dataset().component().id()));
    r.put("draw_seed", run.drawSeed());
    r.put("train_seed", run.trainSeed());
    r.put("model", run.modelId());
    r.put("params", run.params());
    r.put("augment", run.isEnsemble() ? "members' own" : run.pipeline().describe());
    r.put("split", split);
    r.put("accuracy", accuracy);
    r.put("seconds", fitSeconds + predictSeconds);
    r.put("fit_seconds", fitSeconds);
    r.put("predict_seconds", predictSeconds);
    r.put("threads", threads);
    r.put("run_dir", "runs/" + run.dirName());
    return r;
  }
}
