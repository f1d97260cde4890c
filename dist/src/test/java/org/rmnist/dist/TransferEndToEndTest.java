package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfer learning through the real launcher and bundled plugins: a tiny ResNet pretrained and
 * exported to ONNX by `models pretrain`, its layers listed, an earlier layer used as features
 * through the onnx plugin (added as a graph output on the fly), the feature cache reused by a
 * second head, and a saved run exported with `export`.
 */
class TransferEndToEndTest {
  @TempDir Path tmp;

  @Test
  void pretrainExportListLayersAndTrainHeadsOnFeatures() throws Exception {
    Path data = Cli.mnist();
    Path models = tmp.resolve("models");
    Path results = tmp.resolve("results");
    Map<String, String> env =
        Map.of("RMNIST_DATA", data.toString(), "RMNIST_MODELS", models.toString());
    Path pre = tmp.resolve("tiny-pretrain.yaml");
    Files.writeString(
        pre,
        """
        name: tiny-pretrain
        datasets:
          digits: {id: rmnist, params: {protocol: stratified}, n: [20], drawSeeds: [7]}
        runs:
          net:
            id: resnet18
            params: {preprocess: {size: 16}, width: 4, blocks: [1, 1, 1, 1],
                     training: {optimizer: sgd, lr: 0.05, schedule: constant, epochs: 8,
                                batchSize: 50}}
            save: true
        splits: [validation]
        """);
    Cli.Result made =
        Cli.rmnist(
            env,
            "models",
            "pretrain",
            "--experiment",
            pre.toString(),
            "--name",
            "tiny",
            "--models-dir",
            models.toString(),
            "--results-dir",
            results.toString());
    assertEquals(0, made.exit(), made.out());
    assertTrue(Files.size(models.resolve("tiny.onnx")) > 1000, made.out());
    String manifest = Files.readString(models.resolve("tiny.yaml"));
    assertTrue(
        manifest.contains("extractor: \"onnx\"") || manifest.contains("extractor: onnx"), manifest);

    Cli.Result layers = Cli.rmnist(env, "models", "layers", "tiny");
    assertEquals(0, layers.exit(), layers.out());
    assertTrue(
        layers.out().contains("layer2")
            && layers.out().contains("(earlier)")
            && layers.out().contains("features")
            && layers.out().contains("(penultimate)"),
        layers.out());

    Path transfer = tmp.resolve("transfer.yaml");
    Files.writeString(
        transfer,
        """
        name: transfer
        datasets:
          rmnist: {id: rmnist, params: {protocol: nielsen2017}, n: [5]}
        runs:
          knn:
            id: knn
            features: {manifest: tiny, params: {layer: earlier}, standardize: true}
          svm:
            id: svm-linear
            features: {manifest: tiny, params: {layer: earlier}, standardize: true}
            save: true
        splits: [validation]
        """);
    Cli.Result run =
        Cli.rmnist(env, "run", transfer.toString(), "--results-dir", results.toString());
    assertEquals(0, run.exit(), run.out());
    ObjectMapper json = new ObjectMapper();
    Map<?, ?> knn = metrics(json, results.resolve("transfer/runs"), "knn__");
    Map<?, ?> svm = metrics(json, results.resolve("transfer/runs"), "svm__");
    Map<?, ?> knnFeatures = (Map<?, ?>) knn.get("features");
    assertEquals(
        32,
        knnFeatures.get("dimension"),
        "layer2 of width 4 at 16 px is 8 x 2 x 2: " + knnFeatures);
    // two workers train the heads side by side: one computes the features, the other waits for them
    assertEquals(
        java.util.Set.of("computed", "hit"),
        java.util.Set.of(
            knnFeatures.get("validation_cache"),
            ((Map<?, ?>) svm.get("features")).get("validation_cache")),
        "one head computes the features, the other reads them");
    double acc = ((Number) knn.get("validation_accuracy")).doubleValue();
    assertTrue(acc > 0.2, "1-NN on a pretrained digit net's features beats chance (0.1): " + acc);

    Path netRun = runDir(results.resolve("tiny-pretrain/runs"), "net__");
    Cli.Result export =
        Cli.rmnist(env, "export", netRun.toString(), "--out", tmp.resolve("net.onnx").toString());
    assertEquals(0, export.exit(), export.out());
    assertEquals(
        Files.size(models.resolve("tiny.onnx")),
        Files.size(tmp.resolve("net.onnx")),
        "the same trained network, exported again");
    Cli.Result refused =
        Cli.rmnist(
            env,
            "export",
            runDir(results.resolve("transfer/runs"), "svm__").toString(),
            "--out",
            tmp.resolve("svm.onnx").toString());
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(
        refused
            .out()
            .contains("model 'svm-linear' (plugin baselines) cannot be exported " + "to ONNX"),
        refused.out());
  }

  private static Path runDir(Path runs, String prefix) throws Exception {
    try (Stream<Path> s = Files.list(runs)) {
      List<Path> found = s.filter(d -> d.getFileName().toString().startsWith(prefix)).toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  private static Map<?, ?> metrics(ObjectMapper json, Path runs, String prefix) throws Exception {
    return json.readValue(runDir(runs, prefix).resolve("metrics.json").toFile(), Map.class);
  }
}
