package org.rmnist.host.run;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Predictions;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.Splits;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;

/**
 * Trains and evaluates one planned run (or averages an ensemble's members) and returns what it
 * produced; {@link ResultStore#finish} records it. Every call into an extension is guarded, so a
 * plugin's {@link Error} fails this run with a message naming the plugin.
 */
final class RunExecution {
  /** Where a run with {@code save: true} keeps its trained model, inside its folder. */
  static final String MODEL_DIR = "model";

  /**
   * The feature step's name for the unlabelled view, and that of a run's saved predictions of it,
   * which students learn from (never an evaluated split).
   */
  static final String UNLABELLED = "unlabelled";

  private final ResultStore store;
  private final String experiment;
  private final List<String> wantedSplits;
  private final int threads;

  /**
   * What one run produced.
   *
   * @param predictions per evaluated split, and of the unlabelled view when the run has one
   * @param unlabelledSources the pool indices of the rows predicted for the unlabelled view, or
   *     null when the run has none
   */
  record Result(
      Map<String, Object> config,
      Map<String, Object> metrics,
      Map<String, int[][]> confusion,
      Map<String, Predictions> predictions,
      List<Map<String, Object>> rows,
      int[] unlabelledSources) {}

  /** Predictions per evaluated split (and of the view), their times, and the model's metrics. */
  private record Evaluated(
      Map<String, Predictions> predictions,
      Map<String, Double> seconds,
      Map<String, Object> metrics,
      int[] unlabelledSources) {}

  RunExecution(ResultStore store, String experiment, List<String> wantedSplits, int threads) {
    this.threads = threads;
    this.store = store;
    this.experiment = experiment;
    this.wantedSplits = wantedSplits;
  }

  /**
   * The splits a draw gives: the data set's own draw, or, when the data set names a builder, the
   * set it builds from the pool (cached under {@code cacheRoot}, the results' {@code .cache}; the
   * build reports to {@code progress}).
   */
  static Splits load(
      PlannedRun.Draw draw,
      org.rmnist.api.DataContext data,
      java.nio.file.Path cacheRoot,
      int threads,
      Progress progress)
      throws IOException {
    return load(draw, data, cacheRoot, threads, progress, true);
  }

  /**
   * Loads the data of {@code draw}; when its training set is being built by another worker, waits
   * if {@code wait}, else throws {@link TrainingSets.Busy}.
   */
  static Splits load(
      PlannedRun.Draw draw,
      org.rmnist.api.DataContext data,
      java.nio.file.Path cacheRoot,
      int threads,
      Progress progress,
      boolean wait)
      throws IOException {
    if (draw.build().isPresent()) {
      return TrainingSets.load(draw, draw.build().get(), data, cacheRoot, threads, progress, wait);
    }
    return PluginFailure.guard(
        draw.dataset(),
        "loading data",
        () -> draw.dataset().load(new org.rmnist.api.DatasetRequest(draw.n(), draw.seed()), data));
  }

  /** Runs {@code run} without unlabelled images; its fit reports to {@code progress}. */
  Result execute(PlannedRun run, Splits splits, Progress progress) throws IOException {
    return execute(run, splits, null, progress);
  }

  /**
   * Runs {@code run}; its model receives {@code unlabelled} (the run's unlabelled view, or null for
   * none) in its context, through the run's feature step when it has one.
   */
  Result execute(PlannedRun run, Splits splits, UnlabelledImages unlabelled, Progress progress)
      throws IOException {
    Map<String, ImageSet> eval = new LinkedHashMap<>();
    if (wantedSplits.contains("validation")) {
      eval.put("validation", splits.validation());
    }
    if (wantedSplits.contains("test") && splits.test().isPresent()) {
      eval.put("test", splits.test().get());
    }
    Evaluated ev =
        run instanceof PlannedRun.Trained t
            ? train(t, splits, unlabelled, eval, progress)
            : average((PlannedRun.Ensemble) run, eval.keySet());
    Map<String, Object> metrics = new LinkedHashMap<>(ev.metrics());
    double fitSeconds = ((Number) metrics.get("fit_seconds")).doubleValue();
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, int[][]> confusion = new LinkedHashMap<>();
    for (Map.Entry<String, ImageSet> e : eval.entrySet()) {
      Predictions pred = ev.predictions().get(e.getKey());
      if (pred.classes() != splits.classes() || pred.size() != e.getValue().size()) {
        throw new IllegalStateException(
            "model '"
                + run.modelId()
                + "' returned "
                + pred.size()
                + " rows of "
                + pred.classes()
                + " classes for "
                + e.getValue().size()
                + " "
                + e.getKey()
                + " images of "
                + splits.classes()
                + " classes");
      }
      double accuracy = pred.accuracy(e.getValue().labels());
      double seconds = ev.seconds().get(e.getKey());
      confusion.put(e.getKey(), pred.confusion(e.getValue().labels()));
      metrics.put(e.getKey() + "_accuracy", accuracy);
      metrics.put(e.getKey() + "_predict_seconds", seconds);
      rows.add(row(run, splits, e.getKey(), accuracy, fitSeconds, seconds));
    }
    Map<String, Object> config = new LinkedHashMap<>(run.identity());
    config.put("data_provenance", splits.provenance());
    return new Result(config, metrics, confusion, ev.predictions(), rows, ev.unlabelledSources());
  }

  private Evaluated train(
      PlannedRun.Trained run,
      Splits splits,
      UnlabelledImages unlabelledView,
      Map<String, ImageSet> eval,
      Progress progress)
      throws IOException {
    Map<String, Object> metrics = new LinkedHashMap<>();
    ImageSet train =
        guardPipeline(
            run,
            () ->
                run.pipeline()
                    .expand(splits.train(), new Seed(run.draw().seed()).derive("expand")));
    Seed seed = new Seed(run.seed());
    UnlabelledImages unlabelled =
        unlabelledView == null ? UnlabelledImages.none(train.shape()) : unlabelledView;
    float[] softLabels = run.model().softLabels() ? splits.softLabels() : null;
    if (run.teacher().isPresent()) {
      PseudoLabels.Student student =
          PseudoLabels.apply(
              run.spec().pseudoLabels(),
              run.teacher().get().describe(),
              store.taught(run.teacher().get()),
              train,
              softLabels,
              unlabelled,
              splits.classes());
      train = student.train();
      softLabels = student.softLabels();
      metrics.put("pseudo_labels", student.facts());
    }
    ImageSet validation = splits.validation();
    long t0 = System.nanoTime();
    if (run.features().isPresent()) {
      FeatureStage.Features features = run.features().get();
      Map<String, ImageSet> sets = new LinkedHashMap<>(eval);
      sets.putIfAbsent("validation", validation);
      if (!unlabelled.isEmpty()) {
        sets.put(UNLABELLED, unlabelled.asImageSet());
      }
      ImageSet images = train;
      FeatureStage.Result f =
          PluginFailure.guard(
              features.extractor(),
              "extracting features",
              () ->
                  new FeatureStage(store.dir().getParent().resolve(".cache/features"))
                      .apply(features, images, sets, threads));
      train = f.train();
      validation = f.eval().get("validation");
      eval = new LinkedHashMap<>(eval);
      eval.replaceAll((k, v) -> f.eval().get(k));
      metrics.put("features", f.facts());
      if (!unlabelled.isEmpty()) {
        unlabelled = UnlabelledImages.of(f.eval().get(UNLABELLED));
      }
    }
    if (!unlabelled.isEmpty()) {
      metrics.put("unlabelled_images", unlabelled.size());
    }
    TrainContext ctx =
        new TrainContext(
            seed,
            splits.classes(),
            progress,
            store.runDir(run).resolve("work"),
            threads,
            run.pipeline().onTheFly(seed.derive("onTheFly")),
            unlabelled,
            softLabels);
    ImageSet trainSet = train;
    UnlabelledImages unlabelledSet = unlabelled;
    ImageSet validationSet = validation;
    Map<String, ImageSet> evalSets = eval;
    return PluginFailure.guard(
        run.model(),
        "training",
        () -> {
          Map<String, Predictions> predictions = new LinkedHashMap<>();
          Map<String, Double> seconds = new LinkedHashMap<>();
          try (TrainedModel trained = run.model().fit(trainSet, validationSet, ctx)) {
            metrics.put("fit_seconds", (System.nanoTime() - t0) / 1e9);
            metrics.put("train_images", trainSet.size());
            metrics.put("facts", trained.facts());
            if (run.spec().save()) {
              trained.save(store.runDir(run).resolve(MODEL_DIR));
            }
            for (Map.Entry<String, ImageSet> e : evalSets.entrySet()) {
              long p0 = System.nanoTime();
              predictions.put(e.getKey(), trained.predict(e.getValue()));
              seconds.put(e.getKey(), (System.nanoTime() - p0) / 1e9);
            }
            if (!unlabelledSet.isEmpty()) {
              // kept so that any run with a view can teach (pseudoLabels); never scored
              long p0 = System.nanoTime();
              predictions.put(UNLABELLED, trained.predict(unlabelledSet.asImageSet()));
              metrics.put("unlabelled_predict_seconds", (System.nanoTime() - p0) / 1e9);
            }
          }
          return new Evaluated(
              predictions,
              seconds,
              metrics,
              unlabelledSet.isEmpty() ? null : unlabelledSet.sourceIndices());
        });
  }

  /** Runs the augmentation step; an Error names the augmentation plugins. */
  private static ImageSet guardPipeline(PlannedRun.Trained run, PluginFailure.Call<ImageSet> call)
      throws IOException {
    try {
      return call.call();
    } catch (Error e) {
      throw PluginFailure.of(
          e,
          "the augmentation of run "
              + run.runName()
              + " (plugins "
              + String.join(", ", run.pipeline().plugins().stream().map(p -> p.id()).toList())
              + ")");
    }
  }

  /**
   * An ensemble: the mean of its members' saved probabilities; its cost is theirs summed. Every
   * member must be finished: files a killed or failed attempt left are never averaged.
   */
  private Evaluated average(PlannedRun.Ensemble run, Set<String> splits) throws IOException {
    Map<String, Object> metrics = new LinkedHashMap<>();
    Map<String, Predictions> predictions = new LinkedHashMap<>();
    Map<String, Double> predictSeconds = new LinkedHashMap<>();
    double fit = 0;
    for (PlannedRun m : run.members()) {
      if (!store.isDone(m)) {
        throw new NoSuchFileException(
            store.runDir(m).resolve("done.json").toString(),
            null,
            "member "
                + m.describe()
                + " of ensemble "
                + run.runName()
                + " has not finished (it failed or was stopped), so it cannot be averaged");
      }
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
          throw new IllegalStateException(
              "ensemble "
                  + run.runName()
                  + ": member "
                  + m.runName()
                  + " has "
                  + p.size()
                  + " "
                  + split
                  + " predictions, not "
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
    return new Evaluated(predictions, predictSeconds, metrics, null);
  }

  private Map<String, Object> row(
      PlannedRun run,
      Splits splits,
      String split,
      double accuracy,
      double fitSeconds,
      double predictSeconds) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("experiment", experiment);
    r.put("run", run.runName());
    r.put("dataset", run.draw().name());
    r.put("n", run.draw().n());
    r.put(
        "protocol",
        splits.provenance().getOrDefault("protocol", run.draw().dataset().extension().id()));
    r.put("draw_seed", run.draw().seed());
    r.put("train_seed", run.seedForResults());
    r.put("model", run.modelId());
    r.put("params", run.params());
    r.put("augment", run.augment());
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
