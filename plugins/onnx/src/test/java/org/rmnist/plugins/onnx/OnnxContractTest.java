package org.rmnist.plugins.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.FeatureExtractorContract;

/**
 * {@code onnx} keeps the feature extractor contract on a tiny CNN written by the test. The config
 * is bound from YAML-style parameters over the defaults, so only these names follow a change of the
 * config's layout.
 */
class OnnxContractTest extends FeatureExtractorContract<OnnxConfig> {
  /** The tiny model's file (under the model root), its pooled layer, its 8 x 8 input. */
  static final Map<String, Object> TINY =
      Map.of("path", "tiny.onnx", "layer", "pool", "preprocess", Map.of("size", 8), "batchSize", 3);

  /** A value out of range and the config's message for it. */
  static final BadParameter BAD =
      new BadParameter(
          Map.of("preprocess", Map.of("size", 0)),
          "preprocess.size: expected a positive side in pixels, got 0");

  @TempDir static Path models;

  @BeforeAll
  static void writeModel() throws IOException {
    TinyCnn.random(7).write(models.resolve("tiny.onnx"));
  }

  @Override
  protected FeatureExtractor<OnnxConfig> extractor() {
    return new OnnxFeatureExtractor();
  }

  @Override
  protected OnnxConfig config() {
    return ConfigBinder.bind(extractor(), TINY, "test");
  }

  @Override
  protected List<Path> modelRoots() {
    return List.of(models);
  }

  @Override
  protected BadParameter outOfRange() {
    return BAD;
  }
}
