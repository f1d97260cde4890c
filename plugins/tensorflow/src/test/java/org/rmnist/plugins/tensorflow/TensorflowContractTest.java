package org.rmnist.plugins.tensorflow;

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
 * {@code tensorflow} keeps the feature extractor contract on a one-layer SavedModel written by the
 * test. The config is bound from YAML-style parameters over the defaults, so only these names
 * follow a change of the config's layout.
 */
class TensorflowContractTest extends FeatureExtractorContract<TensorflowConfig> {
  /** The SavedModel's folder (under the model root), its logits, batches of 4. */
  static final Map<String, Object> DENSE =
      Map.of("path", "mnist", "output", "logits", "batchSize", 4);

  /** A value out of range and the config's message for it. */
  static final BadParameter BAD =
      BadParameter.of("batchSize", 0, "batchSize: must be in [1, 65536], got 0");

  @TempDir static Path models;

  @BeforeAll
  static void writeModel() throws IOException {
    SavedModels.write(
        models.resolve("mnist"), new long[] {-1, 28, 28, 1}, SavedModels.Dense.random(784, 16, 11));
  }

  @Override
  protected FeatureExtractor<TensorflowConfig> extractor() {
    return new TensorflowFeatureExtractor();
  }

  @Override
  protected TensorflowConfig config() {
    return ConfigBinder.bind(extractor(), DENSE, "test");
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
