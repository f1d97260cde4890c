package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageShape;

class RotateAugmentationTest {
  private final RotateAugmentation rotate = new RotateAugmentation();

  private float[] apply(float[] src, ImageShape s, double degrees) {
    float[] dst = new float[s.size()];
    rotate.apply(RotateConfig.defaults(), new RotateParams(degrees), src, 0, dst, 0, s);
    return dst;
  }

  @Test
  void zeroDegreesIsTheIdentity() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.noise(s, 1);
      for (long seed = 0; seed < 5; seed++) {
        RotateParams p = rotate.sample(new RotateConfig(0), s, new SplittableRandom(seed));
        assertEquals(0.0, p.degrees());
        float[] dst = new float[s.size()];
        rotate.apply(new RotateConfig(0), p, src, 0, dst, 0, s);
        assertArrayEquals(src, dst);
      }
    }
  }

  /** Counter-clockwise as displayed: out(row y, col x) = src(row x, col n-1-y). */
  @Test
  void ninetyDegreesOnASquareIsTheExactQuarterTurn() {
    for (int n : new int[] {28, 9, 2}) {
      ImageShape s = new ImageShape(2, n, n);
      float[] src = Images.noise(s, n);
      float[] ccw = apply(src, s, 90);
      float[] cw = apply(src, s, -90);
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            String at = n + "x" + n + " c" + c + " (" + x + "," + y + ")";
            assertEquals(Images.at(src, s, c, x, n - 1 - y), Images.at(ccw, s, c, y, x), 1e-5, at);
            assertEquals(Images.at(src, s, c, n - 1 - x, y), Images.at(cw, s, c, y, x), 1e-5, at);
          }
        }
      }
    }
  }

  @Test
  void fourQuarterTurnsAndTwoHalfTurnsComeBack() {
    ImageShape s = new ImageShape(1, 12, 12);
    float[] src = Images.noise(s, 3);
    float[] a = src;
    for (int i = 0; i < 4; i++) {
      a = apply(a, s, 90);
    }
    assertArrayEquals(src, a, 1e-5f);
    assertArrayEquals(src, apply(apply(src, s, 180), s, 180), 1e-5f);
  }

  @Test
  void anyAngleMatchesTheReferenceOnNonSquareImages() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.digit(s, 4);
      for (double deg : new double[] {30, -12.5, 137}) {
        double a = Math.toRadians(deg);
        double cx = (s.width() - 1) / 2.0;
        double cy = (s.height() - 1) / 2.0;
        double[] ref =
            Reference.warp(
                src,
                s,
                (x, y) -> {
                  double u = x - cx;
                  double v = y - cy;
                  return new double[] {
                    cx + u * Math.cos(a) - v * Math.sin(a), cy + u * Math.sin(a) + v * Math.cos(a)
                  };
                });
        double diff = Reference.maxDiff(apply(src, s, deg), ref);
        assertTrue(diff < 1e-5, s + " " + deg + " degrees: max difference " + diff);
      }
    }
  }

  @Test
  void anglesStayInRange() {
    SplittableRandom r = new SplittableRandom(2);
    double min = 0;
    double max = 0;
    for (int i = 0; i < 2000; i++) {
      double d = rotate.sample(new RotateConfig(15), Images.MNIST, r).degrees();
      assertTrue(d >= -15 && d <= 15, "angle " + d);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertTrue(min < -14.5 && max > 14.5, "range covered: " + min + ".." + max);
  }
}
