package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;

/**
 * Label spreading on two concentric rings, one labelled point each: the nearest labelled point is
 * wrong for most of the outer ring, the graph through the unlabelled points gets them right.
 */
class LabelSpreadingTest {
  static final ImageShape POINT = new ImageShape(1, 1, 2);

  /** {@code count} points per ring (radii 1 and 3), angles evenly spread with a little noise. */
  static ImageSet rings(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] xy = new float[4 * count];
    int[] labels = new int[2 * count];
    for (int i = 0; i < 2 * count; i++) {
      int ring = i % 2;
      double r = (ring == 0 ? 1 : 3) + 0.05 * rng.nextGaussian();
      double a = 2 * Math.PI * rng.nextDouble();
      xy[2 * i] = (float) (r * Math.cos(a));
      xy[2 * i + 1] = (float) (r * Math.sin(a));
      labels[i] = ring;
    }
    return new ImageSet(xy, labels, POINT, new int[2 * count]);
  }

  static final ImageSet LABELLED =
      new ImageSet(new float[] {1, 0, -3, 0}, new int[] {0, 1}, POINT, new int[] {0, 1});

  static TrainContext context(UnlabelledImages pool, Path dir) {
    return new TrainContext(new Seed(1), 2, Progress.NONE, dir, 1, OnTheFly.NONE, pool);
  }

  @Test
  void spreadsAlongTheRingsWhereTheNearestLabelIsWrong(@TempDir Path dir) throws Exception {
    ImageSet test = rings(300, 2);
    double nearestLabel = 0;
    for (int i = 0; i < test.size(); i++) {
      float x = test.pixels()[2 * i];
      float y = test.pixels()[2 * i + 1];
      double d0 = Math.hypot(x - 1, y);
      double d1 = Math.hypot(x + 3, y);
      nearestLabel += (d0 < d1 ? 0 : 1) == test.labels()[i] ? 1 : 0;
    }
    nearestLabel /= test.size();
    UnlabelledImages pool = UnlabelledImages.of(rings(400, 1));
    LabelPropagationModel model = new LabelPropagationModel();
    LabelPropagationConfig c = new LabelPropagationConfig(8, 0.99, 200, 0);
    try (TrainedModel m = model.fit(c, LABELLED, test, context(pool, dir))) {
      double spread = m.predict(test).accuracy(test.labels());
      assertTrue(nearestLabel < 0.8, "the nearest label alone gets " + nearestLabel);
      assertTrue(spread > 0.97, "label spreading gets " + spread);
      assertEquals(800, m.facts().get("unlabelledImages"));
      m.save(dir.resolve("model"));
      try (TrainedModel back = model.load(c, dir.resolve("model"))) {
        assertArrayEquals(m.predict(test).probabilities(), back.predict(test).probabilities());
      }
    }
  }

  @Test
  void aCapOnUnlabelledImagesTakesASeededSubset(@TempDir Path dir) throws Exception {
    UnlabelledImages pool = UnlabelledImages.of(rings(400, 1));
    LabelPropagationConfig c = new LabelPropagationConfig(8, 0.99, 50, 100);
    try (TrainedModel m =
        new LabelPropagationModel().fit(c, LABELLED, LABELLED, context(pool, dir))) {
      assertEquals(100, m.facts().get("unlabelledImages"));
    }
  }

  @Test
  void withoutUnlabelledImagesItSaysWhatToAdd(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LabelPropagationModel()
                    .fit(
                        LabelPropagationConfig.defaults(),
                        LABELLED,
                        LABELLED,
                        context(UnlabelledImages.none(POINT), dir)));
    assertTrue(e.getMessage().contains("unlabelled: pool"), e.getMessage());
  }

  @Test
  void scoresAreTheIterationOfZhouEtAlOnAPath() {
    // three nodes on a line at 0, 1 and 2.5; with k = 1 the symmetric graph is the path 0-1-2
    float[] nodes = {0, 0, 1, 0, 2.5f, 0};
    LabelPropagationConfig c = new LabelPropagationConfig(1, 0.5, 1, 0);
    LabelSpreading s = LabelSpreading.fit(c, nodes, 2, new int[] {0, -1, 1}, 2);
    // 1-NN edges: 0-1 (d2 = 1), 1-0, 2-1 (d2 = 2.25); sigma2 = (1 + 1 + 2.25) / 3
    double sigma2 = 4.25 / 3;
    double w01 = Math.exp(-1 / sigma2);
    double w12 = Math.exp(-2.25 / sigma2);
    double d0 = w01;
    double d1 = w01 + w12;
    double d2 = w12;
    // one step from Y: F = 0.5 S Y + 0.5 Y
    double f10 = 0.5 * w01 / Math.sqrt(d1 * d0);
    double f11 = 0.5 * w12 / Math.sqrt(d1 * d2);
    assertEquals(sigma2, s.sigma2(), 1e-9);
    assertEquals(f10 / (f10 + f11), s.scores()[2], 1e-6);
    assertEquals(f11 / (f10 + f11), s.scores()[3], 1e-6);
    assertEquals(1.0, s.scores()[0], 1e-6);
    assertEquals(1.0, s.scores()[5], 1e-6);
  }
}
