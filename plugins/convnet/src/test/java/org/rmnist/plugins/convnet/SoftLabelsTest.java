package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** Supervised convnets train towards a built set's soft labels when their context has them. */
class SoftLabelsTest {
  static final ImageSet TRAIN = Patterns.make(1, 1);
  static final int CLASSES = 10;

  static ConvnetConfig config() {
    return Configs.with(
        Configs.convnet(150, "adam", 0.003, 0, false, "constant", 0, false, 0, false),
        Map.of("channels", List.of(8, 16), "dense", List.of(32), "dropout", 0.0));
  }

  /** 0.6 on each image's class, 0.4 on the next one. */
  static float[] split() {
    float[] soft = new float[TRAIN.size() * CLASSES];
    for (int i = 0; i < TRAIN.size(); i++) {
      int label = TRAIN.labels()[i];
      soft[i * CLASSES + label] = 0.6f;
      soft[i * CLASSES + (label + 1) % CLASSES] = 0.4f;
    }
    return soft;
  }

  static TrainContext context(Path dir, float[] soft) {
    return new TrainContext(new Seed(2), CLASSES, Progress.NONE, dir, 1, OnTheFly.NONE, null, soft);
  }

  @Test
  void theNetworkLearnsTheSoftTargetsInsteadOfOneHot(@TempDir Path dir) throws Exception {
    ConvnetModel model = new ConvnetModel();
    assertTrue(model.softLabels(config()));
    assertFalse(model.softLabels(Configs.with(config(), "objective", "autoencoder")));
    assertTrue(new DcModel().softLabels(new DcModel().defaults()));
    float[][] p = new float[2][];
    float[][] soft = {null, split()};
    for (int k = 0; k < 2; k++) {
      try (TrainedModel m = model.fit(config(), TRAIN, TRAIN, context(dir, soft[k]))) {
        assertEquals(k == 0 ? "hard" : "soft", m.facts().get("labels"));
        p[k] = m.predict(TRAIN).probabilities();
      }
    }
    double ownHard = 0;
    double ownSoft = 0;
    double nextSoft = 0;
    for (int i = 0; i < TRAIN.size(); i++) {
      int label = TRAIN.labels()[i];
      ownHard += p[0][i * CLASSES + label] / TRAIN.size();
      ownSoft += p[1][i * CLASSES + label] / TRAIN.size();
      nextSoft += p[1][i * CLASSES + (label + 1) % CLASSES] / TRAIN.size();
    }
    assertTrue(ownHard > 0.95, "one-hot targets: own class " + ownHard);
    // the cross-entropy towards (0.6, 0.4) is lowest at exactly those probabilities
    assertEquals(0.6, ownSoft, 0.08, "soft targets: own class");
    assertEquals(0.4, nextSoft, 0.08, "soft targets: next class");
  }

  @Test
  void softLabelsOfTheWrongLengthAreRefused(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ConvnetModel().fit(config(), TRAIN, TRAIN, context(dir, new float[20])));
    assertTrue(e.getMessage().contains("soft labels: 20 values for 10 training images"));
  }
}
