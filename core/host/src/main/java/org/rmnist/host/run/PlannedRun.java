package org.rmnist.host.run;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.PluginHost.PluginInfo;
import org.rmnist.host.util.FileHashes;
import org.rmnist.host.util.Json;

/**
 * One cell of the matrix with everything bound: a model trained on one draw of data with one
 * training seed, or an ensemble averaging such runs. Its folder name carries a hash of all that
 * determines the result (configs, plugin versions, the content hashes of the data and model files),
 * computed once when the run is planned, so a changed config or file never reuses an old result.
 * Which code made a result is recorded beside it, not hashed (see {@link CodeIdentity}).
 */
sealed interface PlannedRun permits PlannedRun.Trained, PlannedRun.Ensemble {

  /**
   * One draw of one data set.
   *
   * @param files SHA-256 of each file the data set reads, by name; empty when it names none
   * @param build the builder that makes the training images from the pool, or empty for the data
   *     set's own draw
   */
  record Draw(
      String name,
      Bound.Data<?> dataset,
      int n,
      long seed,
      SortedMap<String, String> files,
      Optional<TrainingSets.Maker> build) {
    /** Identifies the data drawn: runs sharing it share one load. */
    String key() {
      return name + "/" + n + "/" + seed;
    }

    Map<String, Object> identity() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", dataset.identity());
      m.put("n", n);
      m.put("draw_seed", seed);
      if (!files.isEmpty()) {
        m.put("data_sha256", files);
      }
      build.ifPresent(b -> m.put("build", b.identity()));
      return m;
    }
  }

  /** The data it uses. */
  Draw draw();

  /** The run's name in the experiment file. */
  String runName();

  /** Its spec. */
  RunSpec spec();

  /** 12 hex digits of SHA-256 over {@link #identity()}, computed once. */
  String hash();

  /** Everything that determines the result. */
  Map<String, Object> identity();

  /** The model id, or "ensemble". */
  String modelId();

  /** The model's parameters, or the ensemble's members. */
  Map<String, Object> params();

  /** How the training set was augmented, for results. */
  String augment();

  /** The training seed, empty for an ensemble across seeds. */
  OptionalLong trainSeed();

  /** The plugins whose code made the result. */
  List<PluginInfo> plugins();

  /** The seed as results.jsonl writes it: -1 for an ensemble across seeds. */
  default long seedForResults() {
    return trainSeed().orElse(-1);
  }

  /** The training seed, or "all" for an ensemble across seeds. */
  private String seedLabel() {
    return trainSeed().isPresent() ? Long.toString(trainSeed().getAsLong()) : "all";
  }

  /** The run's folder name: readable, then the hash. */
  default String dirName() {
    return runName()
        + "__"
        + draw().name()
        + "-n"
        + draw().n()
        + "-d"
        + draw().seed()
        + "-s"
        + seedLabel()
        + "__"
        + hash();
  }

  /** A short tag for messages: run, data, n, draw, seed. */
  default String describe() {
    return runName()
        + " "
        + draw().name()
        + " n="
        + draw().n()
        + " draw="
        + draw().seed()
        + " seed="
        + seedLabel();
  }

  /** How logs and failures name the run: "[3/27] " and {@link #describe()}. */
  default String tag(int index, int total) {
    return "[" + (index + 1) + "/" + total + "] " + describe();
  }

  private static String hashOf(Map<String, Object> identity) {
    return FileHashes.of(Json.line(identity).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  /**
   * A model trained on the draw, after augmentation and the optional feature step.
   *
   * @param teacher the run of the same draw and seed whose predictions on the unlabelled view this
   *     one trains on (YAML {@code pseudoLabels}), or empty
   */
  record Trained(
      Draw draw,
      String runName,
      RunSpec spec,
      Bound.Learner<?> model,
      Pipeline pipeline,
      Optional<FeatureStage.Features> features,
      long seed,
      Optional<Trained> teacher,
      String hash)
      implements PlannedRun {

    static Trained of(
        Draw draw,
        String runName,
        RunSpec spec,
        Bound.Learner<?> model,
        Pipeline pipeline,
        Optional<FeatureStage.Features> features,
        long seed) {
      return of(draw, runName, spec, model, pipeline, features, seed, Optional.empty());
    }

    static Trained of(
        Draw draw,
        String runName,
        RunSpec spec,
        Bound.Learner<?> model,
        Pipeline pipeline,
        Optional<FeatureStage.Features> features,
        long seed,
        Optional<Trained> teacher) {
      Trained t = new Trained(draw, runName, spec, model, pipeline, features, seed, teacher, "");
      return new Trained(
          draw, runName, spec, model, pipeline, features, seed, teacher, hashOf(t.identity()));
    }

    @Override
    public Map<String, Object> identity() {
      Map<String, Object> m = draw.identity();
      m.put("model", model.identity());
      m.put("augment", pipeline.identity());
      features.ifPresent(f -> m.put("features", f.identity()));
      if (spec.unlabelled() != null) {
        m.put("unlabelled", spec.unlabelled().identity());
      }
      teacher.ifPresent(
          t -> {
            Map<String, Object> p = new LinkedHashMap<>(spec.pseudoLabels().identity());
            p.put("teacher", t.hash());
            m.put("pseudo_labels", p);
          });
      m.put("train_seed", seed);
      return m;
    }

    @Override
    public String modelId() {
      return model.extension().id();
    }

    @Override
    public Map<String, Object> params() {
      return ConfigBinder.toMap(model.config());
    }

    @Override
    public String augment() {
      return pipeline.describe();
    }

    @Override
    public OptionalLong trainSeed() {
      return OptionalLong.of(seed);
    }

    @Override
    public List<PluginInfo> plugins() {
      java.util.LinkedHashSet<PluginInfo> all = new java.util.LinkedHashSet<>();
      all.add(draw.dataset().plugin());
      draw.build()
          .ifPresent(
              build ->
                  build
                      .chain()
                      .forEach(
                          b -> {
                            all.add(b.builder().plugin());
                            b.features().ifPresent(f -> all.add(f.extractor().plugin()));
                          }));
      all.add(model.plugin());
      all.addAll(pipeline.plugins());
      features.ifPresent(f -> all.add(f.extractor().plugin()));
      teacher.ifPresent(t -> all.addAll(t.plugins())); // its code made the labels
      return List.copyOf(all);
    }
  }

  /** The mean of its members' saved probabilities. */
  record Ensemble(
      Draw draw,
      String runName,
      RunSpec spec,
      OptionalLong trainSeed,
      List<Trained> members,
      String hash)
      implements PlannedRun {

    static Ensemble of(
        Draw draw, String runName, RunSpec spec, OptionalLong trainSeed, List<Trained> members) {
      Ensemble e = new Ensemble(draw, runName, spec, trainSeed, List.copyOf(members), "");
      return new Ensemble(draw, runName, spec, trainSeed, e.members(), hashOf(e.identity()));
    }

    @Override
    public Map<String, Object> identity() {
      Map<String, Object> m = draw.identity();
      m.put("ensemble_of", members.stream().map(PlannedRun::hash).toList());
      m.put("train_seed", trainSeed.orElse(-1));
      return m;
    }

    @Override
    public String modelId() {
      return "ensemble";
    }

    @Override
    public Map<String, Object> params() {
      return Map.of(
          "members", spec.ensemble().members(), "acrossSeeds", spec.ensemble().acrossSeeds());
    }

    @Override
    public String augment() {
      return "members' own";
    }

    /** The data set's plugin and every member's: the code its average depends on. */
    @Override
    public List<PluginInfo> plugins() {
      java.util.LinkedHashSet<PluginInfo> all = new java.util.LinkedHashSet<>();
      all.add(draw.dataset().plugin());
      members.forEach(m -> all.addAll(m.plugins()));
      return List.copyOf(all);
    }
  }
}
