package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageShape;

class ShiftAugmentationTest {
  private final ShiftAugmentation shift = new ShiftAugmentation();

  private float[] apply(float[] src, ImageShape s, int dx, int dy) {
    float[] dst = new float[s.size()];
    shift.apply(ShiftConfig.defaults(), new ShiftParams(dx, dy), src, 0, dst, 0, s);
    return dst;
  }

  /** (x, y) centre of mass of channel c. */
  private static double[] centreOfMass(float[] img, ImageShape s, int c) {
    double m = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < s.height(); y++) {
      for (int x = 0; x < s.width(); x++) {
        double v = Images.at(img, s, c, y, x);
        m += v;
        mx += v * x;
        my += v * y;
      }
    }
    return new double[] {mx / m, my / m};
  }

  @Test
  void shiftByKMovesTheCentreOfMassByExactlyK() {
    ImageShape s = new ImageShape(2, 28, 28);
    float[] src = new float[s.size()];
    SplittableRandom r = new SplittableRandom(9);
    for (int c = 0; c < 2; c++) {
      for (int y = 8; y < 20; y++) { // a blob with 8 px of margin on every side
        for (int x = 9; x < 19; x++) {
          src[c * 784 + y * 28 + x] = r.nextFloat();
        }
      }
    }
    for (int dy = -3; dy <= 3; dy++) {
      for (int dx = -3; dx <= 3; dx++) {
        float[] out = apply(src, s, dx, dy);
        for (int c = 0; c < 2; c++) {
          double[] before = centreOfMass(src, s, c);
          double[] after = centreOfMass(out, s, c);
          assertEquals(before[0] + dx, after[0], 1e-9, "x, shift " + dx + "," + dy);
          assertEquals(before[1] + dy, after[1], 1e-9, "y, shift " + dx + "," + dy);
        }
      }
    }
  }

  @Test
  void movesRightAndDownWithZeroFill() {
    ImageShape s = new ImageShape(1, 3, 4);
    float[] src = {
      1, 2, 3, 4,
      5, 6, 7, 8,
      9, 10, 11, 12
    };
    assertArrayEquals(
        new float[] {
          0, 0, 0, 0,
          0, 1, 2, 3,
          0, 5, 6, 7
        },
        apply(src, s, 1, 1));
    assertArrayEquals(
        new float[] {
          7, 8, 0, 0,
          11, 12, 0, 0,
          0, 0, 0, 0
        },
        apply(src, s, -2, -1));
    assertArrayEquals(new float[12], apply(src, s, 4, 0));
    assertArrayEquals(new float[12], apply(src, s, 0, -3));
    assertArrayEquals(src, apply(src, s, 0, 0));
  }

  @Test
  void enumerateGivesNielsensNineShiftsWithIdentityAtIndexFour() {
    List<ShiftParams> all = shift.enumerate(new ShiftConfig(1), ImageShape.MNIST);
    assertEquals(9, all.size());
    assertEquals(9, new HashSet<>(all).size());
    assertEquals(new ShiftParams(0, 0), all.get(4));
    assertEquals(new ShiftParams(-1, -1), all.get(0));
    assertEquals(new ShiftParams(0, -1), all.get(1)); // dx inner
    assertEquals(new ShiftParams(-1, 0), all.get(3)); // dy outer
    assertEquals(new ShiftParams(1, 1), all.get(8));
    float[] src = Images.digit(ImageShape.MNIST, 1);
    assertArrayEquals(src, apply(src, ImageShape.MNIST, all.get(4).dx(), all.get(4).dy()));
  }

  @Test
  void enumerateCoversEveryShiftOnce() {
    List<ShiftParams> all = shift.enumerate(new ShiftConfig(2), ImageShape.MNIST);
    assertEquals(25, new HashSet<>(all).size());
    assertEquals(new ShiftParams(0, 0), all.get(12));
    assertEquals(
        List.of(new ShiftParams(0, 0)), shift.enumerate(new ShiftConfig(0), ImageShape.MNIST));
  }

  @Test
  void sampleCoversTheRangeUniformly() {
    int[][] counts = new int[3][3];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 9000; i++) {
      ShiftParams p = shift.sample(new ShiftConfig(1), ImageShape.MNIST, r);
      counts[p.dy() + 1][p.dx() + 1]++;
    }
    for (int[] row : counts) {
      for (int n : row) {
        assertEquals(1000, n, 120); // > 4 binomial standard deviations
      }
    }
  }
}
