package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CART follows scikit-learn's rules on hand-made data. */
class CartBuilderTest {

  private static Tree grow(
      float[][] rows, int[] y, int maxDepth, int maxFeatures, int[] counts, long seed) {
    int d = rows[0].length;
    float[] x = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, x, i * d, d);
    }
    int classes = 1 + java.util.Arrays.stream(y).max().orElse(0);
    return new CartBuilder(x, y, d, classes, maxDepth, maxFeatures)
        .grow(counts, new SplittableRandom(seed));
  }

  @Test
  void splitsAtTheMidpointOfTheSeparatingFeature() {
    Tree t =
        grow(
            new float[][] {{0, 0.2f}, {0, 0.8f}, {0, 0.1f}},
            new int[] {0, 1, 0},
            Integer.MAX_VALUE,
            2,
            null,
            1);
    assertEquals(3, t.nodes());
    assertEquals(1, t.feature()[0]);
    assertEquals(0.5, t.threshold()[0], 1e-7);
    assertEquals(1, t.depth());
  }

  @Test
  void theFirstOfEquallyGoodThresholdsWins() {
    // splitting {0.1 | 0.5, 0.9} and {0.1, 0.5 | 0.9} are equally good: scikit-learn keeps the
    // first
    Tree t = grow(new float[][] {{0.9f}, {0.1f}, {0.5f}}, new int[] {0, 0, 1}, 1, 1, null, 1);
    assertEquals(0.3, t.threshold()[0], 1e-7);
  }

  @Test
  void aPureNodeIsOneLeaf() {
    Tree t = grow(new float[][] {{0.1f}, {0.9f}}, new int[] {1, 1}, Integer.MAX_VALUE, 1, null, 1);
    assertEquals(1, t.nodes());
    assertArrayEquals(new double[] {0, 1}, t.value());
  }

  @Test
  void oneFeaturePerSplitKeepsDrawingUntilOneVaries() {
    // 50 features, only feature 37 varies: scikit-learn still splits on it (Tribuo would stop).
    float[][] rows = new float[4][50];
    for (int i = 0; i < 4; i++) {
      rows[i][3] = 0.5f;
      rows[i][37] = i < 2 ? 0.1f : 0.9f;
    }
    for (long seed = 0; seed < 20; seed++) {
      Tree t = grow(rows, new int[] {0, 0, 1, 1}, 10, 1, null, seed);
      assertEquals(37, t.feature()[0], "seed " + seed);
      assertEquals(3, t.nodes());
    }
  }

  @Test
  void equallyGoodFeaturesAreChosenAtRandom() {
    float[][] rows = {{0, 0, 1}, {1, 1, 1}};
    Set<Integer> chosen = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      chosen.add(grow(rows, new int[] {0, 1}, Integer.MAX_VALUE, 3, null, seed).feature()[0]);
    }
    assertEquals(Set.of(0, 1), chosen);
  }

  @Test
  void maxDepthLeavesImpureLeavesWithClassShares() {
    float[][] rows = {{0.1f, 0.1f}, {0.2f, 0.9f}, {0.8f, 0.1f}, {0.9f, 0.9f}};
    Tree t = grow(rows, new int[] {0, 1, 1, 1}, 1, 2, null, 3);
    assertEquals(1, t.depth());
    double[] p = new double[2];
    t.accumulate(new float[] {0.1f, 0.1f}, 0, p, 0);
    assertTrue(p[0] == 1.0 || p[0] == 0.5, "leaf share " + p[0]);
    assertEquals(1.0, p[0] + p[1], 1e-12);
  }

  @Test
  void bootstrapCountsWeightSamplesAndZeroLeavesThemOut() {
    float[][] rows = {{0.1f}, {0.5f}, {0.9f}};
    // without sample 1 the classes split at 0.5 (midpoint of 0.1 and 0.9)
    Tree t = grow(rows, new int[] {0, 1, 1}, Integer.MAX_VALUE, 1, new int[] {3, 0, 1}, 1);
    assertEquals(0.5, t.threshold()[0], 1e-7);
    assertEquals(3, t.nodes());
    Tree weighted = grow(rows, new int[] {0, 0, 1}, 1, 1, new int[] {1, 1, 5}, 1);
    double[] p = new double[2];
    weighted.accumulate(new float[] {0.9f}, 0, p, 0);
    assertArrayEquals(new double[] {0, 1}, p);
  }
}
