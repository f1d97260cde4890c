package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;

/** {@code convnet} with objective fixmatch: pseudo-labels from weak views taught to strong ones. */
class FixMatchTest {
  static final ImageSet LABELLED = Patterns.make(1, 1);
  static final ImageSet TEST = Patterns.make(20, 2);
  static final UnlabelledImages POOL = UnlabelledImages.of(Patterns.make(20, 3));
  final ConvnetModel model = new ConvnetModel();

  static ConvnetConfig config(int epochs, double threshold) {
    ConvnetConfig c =
        Configs.with(
            Configs.convnet(epochs, "adam", 0.003, 0, false, "constant", 0, false, 0, true),
            Map.of("channels", List.of(8, 16), "dense", List.of(32)));
    return Configs.with(
        Configs.with(c, "objective", "fixmatch"), "semi", new Semi(3, threshold, 1.0, 2, 0));
  }

  @Test
  void usesConfidentPseudoLabelsAndLearnsFarAboveChance(@TempDir Path dir) throws Exception {
    AutoencoderTest.Shifts strong = new AutoencoderTest.Shifts();
    try (TrainedModel m =
        model.fit(
            config(120, 0.7), LABELLED, TEST, AutoencoderTest.context(1, dir, POOL, strong))) {
      Map<String, Object> facts = m.facts();
      assertEquals(120L, facts.get("steps"), "one batch of 10 labelled images per epoch");
      assertEquals(30, facts.get("unlabelledPerStep"));
      double share = (Double) facts.get("confidentShare");
      assertTrue(share > 0.05 && share <= 1, "confident share " + share);
      double accuracy = m.predict(TEST).accuracy(TEST.labels());
      assertTrue(accuracy > 0.6, "accuracy " + accuracy + " (chance 0.1)");
      // the labelled images through the strong views once per epoch, the unlabelled once per step
      assertEquals(240, strong.keys.size());
    }
  }

  @Test
  void aThresholdNoPredictionReachesUsesNoPseudoLabel(@TempDir Path dir) throws Exception {
    try (TrainedModel m =
        model.fit(
            config(3, 1.0),
            LABELLED,
            TEST,
            AutoencoderTest.context(1, dir, POOL, new AutoencoderTest.Shifts()))) {
      assertEquals(0.0, (Double) m.facts().get("confidentShare"), 0.02);
    }
  }

  @Test
  void isDeterministicInTheSeed(@TempDir Path dir) throws Exception {
    float[][] p = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (TrainedModel m =
          model.fit(
              config(3, 0.8),
              LABELLED,
              TEST,
              AutoencoderTest.context(7, dir, POOL, new AutoencoderTest.Shifts()))) {
        p[k] = m.predict(TEST).probabilities();
      }
    }
    assertArrayEquals(p[0], p[1]);
  }

  @Test
  void withEmaTheModelIsTheAverageOfItsWeights(@TempDir Path dir) throws Exception {
    ConvnetConfig plain = config(20, 0.8);
    ConvnetConfig averaged = Configs.with(plain, "semi", new Semi(3, 0.8, 1.0, 2, 0.9));
    float[][] p = new float[2][];
    ConvnetConfig[] configs = {plain, averaged};
    for (int k = 0; k < 2; k++) {
      try (TrainedModel m =
          model.fit(
              configs[k],
              LABELLED,
              TEST,
              AutoencoderTest.context(3, dir, POOL, new AutoencoderTest.Shifts()))) {
        assertEquals(k == 0 ? 0.0 : 0.9, m.facts().get("ema"));
        p[k] = m.predict(TEST).probabilities();
        if (k == 1) {
          double accuracy = m.predict(TEST).accuracy(TEST.labels());
          assertTrue(accuracy > 0.5, "accuracy of the averaged weights " + accuracy);
        }
      }
    }
    // the same seed and steps: only the average makes the predictions differ
    double change = 0;
    for (int i = 0; i < p[0].length; i++) {
      change += Math.abs(p[0][i] - p[1][i]);
    }
    assertTrue(change / p[0].length > 1e-3, "mean change " + change / p[0].length);
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> new Semi(3, 0.8, 1.0, 2, 0.2));
    assertTrue(bad.getMessage().contains("semi.ema"), bad.getMessage());
  }

  @Test
  void needsUnlabelledImagesAndOnTheFlySteps(@TempDir Path dir) {
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(config(1, 0.9), LABELLED, TEST, Patterns.context(1, dir)));
    assertTrue(none.getMessage().contains("unlabelled: pool"), none.getMessage());
    IllegalArgumentException views =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(config(1, 0.9), LABELLED, TEST, AutoencoderTest.context(1, dir, POOL)));
    assertTrue(views.getMessage().contains("onTheFly"), views.getMessage());
  }

  @Test
  void theWeakViewShiftsWholePixelsAndLetsZerosIn() {
    ImageShape shape = new ImageShape(1, 3, 3);
    float[] px = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    ImageSet one = new ImageSet(px, new int[1], shape, new int[1]);
    for (long seed = 0; seed < 20; seed++) {
      float[] out = FixMatch.shifted(one, 1, new SplittableRandom(seed));
      SplittableRandom r = new SplittableRandom(seed);
      int dx = r.nextInt(3) - 1;
      int dy = r.nextInt(3) - 1;
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 3; x++) {
          int sy = y - dy;
          int sx = x - dx;
          float want = sy >= 0 && sy < 3 && sx >= 0 && sx < 3 ? px[sy * 3 + sx] : 0;
          assertEquals(want, out[y * 3 + x], "seed " + seed + " at " + x + "," + y);
        }
      }
    }
    assertArrayEquals(px, FixMatch.shifted(one, 0, new SplittableRandom(1)));
  }
}
