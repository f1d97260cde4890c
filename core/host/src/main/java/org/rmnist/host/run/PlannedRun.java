package org.rmnist.host.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.host.config.DatasetSpec;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.PluginHost.Registered;
import org.rmnist.host.util.Json;

/**
 * One cell of the matrix with everything bound: which data (dataset, n, draw seed), which model,
 * augmentation and feature extractor (or which member runs to average), which training seed (-1: an ensemble across
 * seeds). Its folder name carries a hash of all of that plus the plugin versions, so a changed
 * config never reuses an old result.
 */
record PlannedRun(String datasetName, DatasetSpec datasetSpec, Registered dataset,
    Record datasetConfig, int n, long drawSeed, String runName, RunSpec runSpec,
    Registered model, Record modelConfig, Pipeline pipeline, FeatureStage.Bound features,
    long trainSeed,
    List<PlannedRun> members) {

  boolean isEnsemble() {
    return model == null;
  }

  /** Identifies the data drawn: runs sharing it share one load. */
  String dataKey() {
    return datasetName + "/" + n + "/" + drawSeed;
  }

  /** The model id, or "ensemble". */
  String modelId() {
    return isEnsemble() ? "ensemble" : model.component().id();
  }

  /** The model's parameters, or the ensemble's members. */
  Map<String, Object> params() {
    if (isEnsemble()) {
      return Map.of("members", runSpec.ensemble().members(),
          "acrossSeeds", runSpec.ensemble().acrossSeeds());
    }
    return ConfigBinder.toMap(modelConfig);
  }

  /** Everything that determines the result. */
  Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", Map.of("id", dataset.component().id(), "plugin", dataset.plugin().id(),
        "version", dataset.plugin().version(), "config", ConfigBinder.toMap(datasetConfig)));
    m.put("n", n);
    m.put("draw_seed", drawSeed);
    if (isEnsemble()) {
      m.put("ensemble_of", members.stream().map(PlannedRun::hash).toList());
    } else {
      m.put("model", Map.of("id", model.component().id(), "plugin", model.plugin().id(),
          "version", model.plugin().version(), "config", ConfigBinder.toMap(modelConfig)));
      m.put("augment", pipeline.identity());
      if (features != null) {
        m.put("features", features.identity());
      }
    }
    m.put("train_seed", trainSeed);
    return m;
  }

  /** 12 hex digits of SHA-256 over {@link #identity()}. */
  String hash() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(Json.line(identity()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The run's folder name: readable, then the hash. */
  String dirName() {
    return runName + "__" + datasetName + "-n" + n + "-d" + drawSeed + "-s"
        + (trainSeed < 0 ? "all" : Long.toString(trainSeed)) + "__" + hash();
  }
}
