package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.TrainedModel;
import org.rmnist.host.plugin.ConfigBinder;

/** Instance norm against its definition, and the network learning the patterns. */
class DcConvNetTest {
  @Test
  void instanceNormNormalisesEachImageAndChannelThenScalesAndShifts() {
    try (NDManager m = Torch.newManager()) {
      float[] x = new float[2 * 3 * 4 * 5];
      java.util.SplittableRandom r = new java.util.SplittableRandom(3);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextDouble() * 4 - 1);
      }
      NDArray in = m.create(x, new Shape(2, 3, 4, 5));
      float[] gamma = {1f, 2f, 0.5f};
      float[] beta = {0f, -1f, 3f};
      float[] got = DcConvNet.instanceNorm(in, m.create(gamma), m.create(beta)).toFloatArray();
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 3; c++) {
          int off = (b * 3 + c) * 20;
          double mean = 0;
          for (int k = 0; k < 20; k++) {
            mean += x[off + k] / 20.0;
          }
          double var = 0;
          for (int k = 0; k < 20; k++) {
            var += (x[off + k] - mean) * (x[off + k] - mean) / 20.0;
          }
          for (int k = 0; k < 20; k++) {
            double want = (x[off + k] - mean) / Math.sqrt(var + 1e-5) * gamma[c] + beta[c];
            assertEquals(want, got[off + k], 1e-4, "image " + b + " channel " + c + " at " + k);
          }
        }
      }
    }
  }

  @Test
  void learnsThePatternsFarAboveChance(@TempDir Path dir) throws Exception {
    ImageSet train = Patterns.make(10, 1);
    ImageSet test = Patterns.make(30, 2);
    DcModel model = new DcModel();
    DcConfig config =
        ConfigBinder.bind(
            model,
            Map.of("width", 16, "training", Map.of("epochs", 30, "batchSize", 20, "lr", 0.05)),
            "test");
    try (TrainedModel m = model.fit(config, train, test, Patterns.context(1, dir))) {
      double accuracy = m.predict(test).accuracy(test.labels());
      assertTrue(accuracy > 0.6, "accuracy " + accuracy + " (chance 0.1)");
    }
  }
}
