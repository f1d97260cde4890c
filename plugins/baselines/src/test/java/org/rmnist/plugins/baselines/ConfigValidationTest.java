package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every config rejects bad values with a message naming the key, the value and the range. */
class ConfigValidationTest {

  private static void fails(String message, Executable create) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
    assertEquals(message, e.getMessage());
  }

  @Test
  void svmConfigs() {
    fails("c: must be a finite number > 0, got -1.0", () -> new SvmRbfConfig(-1, 0.1));
    fails("c: must be a finite number > 0, got 0.0", () -> new SvmLinearConfig(0));
    fails("gamma: must be a finite number > 0, got NaN", () -> new SvmRbfConfig(1, Double.NaN));
    fails(
        "gamma: must be a finite number > 0, got Infinity",
        () -> new SvmRbfConfig(1, Double.POSITIVE_INFINITY));
    assertEquals(1.0 / 784, SvmRbfConfig.defaults().gamma());
    assertEquals(1.0, SvmRbfConfig.defaults().c());
    assertEquals(0.1, SvmLinearConfig.defaults().c());
  }

  @Test
  void knnConfig() {
    fails("k: must be in [1, 10000], got 0", () -> KnnConfig.euclidean(0));
    assertEquals(1, KnnConfig.defaults().k());
  }

  @Test
  void treeConfigs() {
    fails(
        "maxDepth: must be in [0, 1000] (0 = unlimited), got -1",
        () -> new DecisionTreeConfig(-1, 1));
    fails("fractionFeatures: must be in (0, 1], got 0.0", () -> new DecisionTreeConfig(0, 0));
    fails("fractionFeatures: must be in (0, 1], got 1.5", () -> new DecisionTreeConfig(0, 1.5));
    fails("trees: must be in [1, 100000], got 0", () -> new RandomForestConfig(0, 10, 1));
    fails(
        "maxDepth: must be in [0, 1000] (0 = unlimited), got 1001",
        () -> new RandomForestConfig(5, 1001, 1));
    fails(
        "featuresPerSplit: must be in [0, 100000] (0 = sqrt(pixels)), got -2",
        () -> new RandomForestConfig(5, 10, -2));
  }

  @Test
  void limitsThatDependOnTheDataAreCheckedInFit(@TempDir Path dir) {
    var train = Blobs.make(3, 2, 0.1, 1);
    fails(
        "k: 7 exceeds the 6 training images",
        () -> new KnnModel().fit(KnnConfig.euclidean(7), train, train, Blobs.context(1, dir)));
    fails(
        "featuresPerSplit: 785 exceeds the 784 pixels of an image 1x28x28",
        () ->
            new RandomForestModel()
                .fit(new RandomForestConfig(2, 0, 785), train, train, Blobs.context(1, dir)));
  }
}
