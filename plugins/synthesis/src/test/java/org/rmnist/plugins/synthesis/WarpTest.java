package org.rmnist.plugins.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The warp is the linear map it says, and adding it leaves the rest of a draw as it was. */
class WarpTest {
  private static final int SIDE = 9;
  private static final int SIZE = SIDE * SIDE;

  /** Output pixel o's weights on the input pixels. */
  private static float[] column(float[] map, int o) {
    float[] c = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      c[i] = map[i * SIZE + o];
    }
    return c;
  }

  @Test
  void noneDrawsNothingAndGivesNoMap() {
    SplittableRandom r = new SplittableRandom(3);
    assertNull(Warp.draw("none", r, SIDE, SIDE));
    assertEquals(new SplittableRandom(3).nextLong(), r.nextLong());
  }

  @Test
  void anAffineWarpKeepsTheCentreAndItsWeightsAreBilinear() {
    for (long seed = 0; seed < 20; seed++) {
      float[] map = Warp.draw("affine", new SplittableRandom(seed), SIDE, SIDE);
      float[] centre = column(map, SIZE / 2);
      assertEquals(1f, centre[SIZE / 2], 1e-5f, "seed " + seed);
      for (int o = 0; o < SIZE; o++) {
        float[] c = column(map, o);
        double sum = 0;
        int nonZero = 0;
        for (float v : c) {
          assertTrue(v >= 0, "negative weight " + v);
          sum += v;
          nonZero += v > 0 ? 1 : 0;
        }
        // at most four neighbours, summing to 1 unless the source falls partly outside
        assertTrue(nonZero <= 4, "output " + o + " reads " + nonZero + " pixels");
        assertTrue(sum <= 1 + 1e-5, "output " + o + " weights sum to " + sum);
      }
    }
  }

  @Test
  void anAffineWarpMovesTheImageAndDrawsDiffer() {
    float[] a = Warp.draw("affine", new SplittableRandom(1), SIDE, SIDE);
    float[] b = Warp.draw("affine", new SplittableRandom(2), SIDE, SIDE);
    float[] identity = new float[SIZE * SIZE];
    for (int i = 0; i < SIZE; i++) {
      identity[i * SIZE + i] = 1;
    }
    assertFalse(Arrays.equals(a, identity));
    assertFalse(Arrays.equals(a, b));
    // a corner pixel moves under rotation, scale or shear: its column is not the identity's
    assertFalse(Arrays.equals(column(a, 0), column(identity, 0)));
  }

  @Test
  void elasticAddsADisplacementOnlyOnSomeDraws() {
    int displaced = 0;
    for (long seed = 0; seed < 20; seed++) {
      float[] affine = Warp.draw("affine", new SplittableRandom(seed), SIDE, SIDE);
      float[] elastic = Warp.draw("elastic", new SplittableRandom(seed), SIDE, SIDE);
      displaced += Arrays.equals(affine, elastic) ? 0 : 1;
    }
    assertTrue(displaced > 3 && displaced < 17, displaced + " of 20 draws displaced");
  }

  @Test
  void aWarpOnTheSameDrawLeavesShiftContrastAndCutoutAsTheyWere() {
    Augment plain = Augment.draw(true, new SplittableRandom(7), 28, 28);
    Augment warped = Augment.draw(true, "elastic", new SplittableRandom(7), 28, 28);
    assertNull(plain.warp());
    assertNotNull(warped.warp());
    assertEquals(
        Arrays.asList(plain.dy(), plain.dx(), plain.contrast(), plain.cutY(), plain.cutX()),
        Arrays.asList(warped.dy(), warped.dx(), warped.contrast(), warped.cutY(), warped.cutX()));
    assertNull(Augment.draw(false, "elastic", new SplittableRandom(7), 28, 28).warp());
  }

  @Test
  void applyingTheAugmentationMultipliesEveryImageByTheMap() {
    SplittableRandom r = new SplittableRandom(11);
    Augment a = Augment.draw(true, "affine", r, SIDE, SIDE);
    // no shift, contrast or cutout: only the warp
    Augment warpOnly = new Augment(true, 0, 0, 1f, -1, -1, a.warp());
    float[] px = new float[2 * SIZE];
    SplittableRandom values = new SplittableRandom(5);
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) values.nextDouble();
    }
    float[] expected = new float[2 * SIZE];
    for (int img = 0; img < 2; img++) {
      for (int o = 0; o < SIZE; o++) {
        double s = 0;
        for (int i = 0; i < SIZE; i++) {
          s += a.warp()[i * SIZE + o] * px[img * SIZE + i];
        }
        expected[img * SIZE + o] = (float) s;
      }
    }
    try (NDManager m = Engine.getEngine(Synthesizer.ENGINE).newBaseManager()) {
      NDArray out = warpOnly.apply(m.create(px, new Shape(2, 1, SIDE, SIDE)));
      assertEquals(new Shape(2, 1, SIDE, SIDE), out.getShape());
      assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
    }
  }
}
