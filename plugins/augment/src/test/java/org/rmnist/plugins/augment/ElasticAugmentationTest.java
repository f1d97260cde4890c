package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageShape;

class ElasticAugmentationTest {
  private final ElasticAugmentation elastic = new ElasticAugmentation();

  @Test
  void alphaZeroIsTheExactIdentity() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.noise(s, 1);
      for (double sigma : new double[] {0, 4, 50}) {
        ElasticConfig config = new ElasticConfig(0, sigma);
        ElasticParams p = elastic.sample(config, s, new SplittableRandom(3));
        float[] dst = new float[s.size()];
        elastic.apply(config, p, src, 0, dst, 0, s);
        assertArrayEquals(src, dst, s + " sigma " + sigma);
      }
    }
  }

  @Test
  void constantFieldsAreShifts() {
    ImageShape s = Images.ODD;
    int n = s.height() * s.width();
    float[] src = Images.digit(s, 2);
    float[] ones = new float[n];
    Arrays.fill(ones, 1f);
    float[] minusTwo = new float[n];
    Arrays.fill(minusTwo, -2f);
    float[] zeros = new float[n];
    float[] expected = new float[s.size()];
    float[] out = new float[s.size()];

    ShiftKernel.shift(src, 0, expected, 0, s, -1, 0); // reading from the right moves left
    elastic.apply(ElasticConfig.defaults(), new ElasticParams(ones, zeros), src, 0, out, 0, s);
    assertArrayEquals(expected, out);

    ShiftKernel.shift(src, 0, expected, 0, s, 0, 2); // reading from above moves down
    elastic.apply(ElasticConfig.defaults(), new ElasticParams(zeros, minusTwo), src, 0, out, 0, s);
    assertArrayEquals(expected, out);
  }

  @Test
  void resamplingMatchesTheReference() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.digit(s, 3);
      ElasticParams p = elastic.sample(new ElasticConfig(60, 3), s, new SplittableRandom(4));
      int w = s.width();
      double[] ref =
          Reference.warp(
              src,
              s,
              (x, y) -> {
                int i = (int) y * w + (int) x;
                return new double[] {x + p.dx()[i], y + p.dy()[i]};
              });
      float[] out = new float[s.size()];
      elastic.apply(ElasticConfig.defaults(), p, src, 0, out, 0, s);
      double diff = Reference.maxDiff(out, ref);
      assertTrue(diff < 1e-5, s + ": max difference " + diff);
    }
  }

  /** The separable blur against a direct 2-D convolution in double, mirror borders included. */
  @Test
  void fieldsMatchADirectTwoDimensionalGaussian() {
    int[][] sizes = {{28, 28}, {20, 23}, {5, 7}, {1, 6}};
    for (int[] hw : sizes) {
      for (double sigma : new double[] {4, 1.3, 0}) {
        ImageShape s = new ImageShape(1, hw[0], hw[1]);
        double alpha = 34;
        ElasticParams p =
            elastic.sample(new ElasticConfig(alpha, sigma), s, new SplittableRandom(5));
        SplittableRandom r = new SplittableRandom(5);
        double[] dx = directField(r, hw[0], hw[1], sigma, alpha);
        double[] dy = directField(r, hw[0], hw[1], sigma, alpha);
        String at = hw[0] + "x" + hw[1] + " sigma " + sigma;
        for (int i = 0; i < dx.length; i++) {
          assertEquals(dx[i], p.dx()[i], 2e-5 * alpha, at + " dx " + i);
          assertEquals(dy[i], p.dy()[i], 2e-5 * alpha, at + " dy " + i);
        }
      }
    }
  }

  private static double[] directField(
      SplittableRandom r, int h, int w, double sigma, double alpha) {
    double[] noise = new double[h * w];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = 2f * r.nextFloat() - 1f;
    }
    if (sigma == 0) {
      return Arrays.stream(noise).map(v -> alpha * v).toArray();
    }
    int size = (int) (8 * sigma + 1) | 1; // torchvision: int(8 sigma + 1), made odd
    int rad = size / 2;
    double norm = 0;
    for (int t = -rad; t <= rad; t++) {
      norm += Math.exp(-t * t / (2 * sigma * sigma));
    }
    double[] out = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double sum = 0;
        for (int j = -rad; j <= rad; j++) {
          for (int i = -rad; i <= rad; i++) {
            double g = Math.exp(-(i * i + j * j) / (2 * sigma * sigma)) / (norm * norm);
            sum += g * noise[mirror(y + j, h) * w + mirror(x + i, w)];
          }
        }
        out[y * w + x] = alpha * sum;
      }
    }
    return out;
  }

  /** Folds i back into [0, n) at the edge pixels (d c b | a b c d | c b a), as often as needed. */
  private static int mirror(int i, int n) {
    if (n == 1) {
      return 0;
    }
    while (i < 0 || i >= n) {
      i = i < 0 ? -i : 2 * (n - 1) - i;
    }
    return i;
  }

  /** Interior rms displacement: alpha sqrt(1/3) sum(k^2) ~ alpha sqrt(1/3) / (2 sigma sqrt pi). */
  @Test
  void displacementSizeMatchesTheory() {
    ImageShape s = new ImageShape(1, 96, 96);
    double alpha = 34;
    double sigma = 4;
    double sumSq = 0;
    long count = 0;
    for (long seed = 0; seed < 60; seed++) {
      ElasticParams p =
          elastic.sample(new ElasticConfig(alpha, sigma), s, new SplittableRandom(seed));
      for (int y = 20; y < 76; y++) {
        for (int x = 20; x < 76; x++) {
          int i = y * 96 + x;
          sumSq += p.dx()[i] * p.dx()[i] + p.dy()[i] * p.dy()[i];
          count += 2;
        }
      }
    }
    double rms = Math.sqrt(sumSq / count);
    double theory = alpha * Math.sqrt(1.0 / 3) / (2 * sigma * Math.sqrt(Math.PI));
    assertEquals(theory, rms, 0.05 * theory, "rms displacement in pixels");
  }

  @Test
  void gaussianKernelIsTorchvisionsSizeAndSumsToOne() {
    float[] half = ElasticKernel.gaussian(4);
    assertEquals(17, half.length); // 33 taps, as torchvision's int(8 * 4 + 1)
    double sum = half[0];
    for (int i = 1; i < half.length; i++) {
      sum += 2 * half[i];
      assertTrue(half[i] < half[i - 1]);
    }
    assertEquals(1.0, sum, 1e-6);
    assertEquals(1, ElasticKernel.gaussian(0).length);
  }

  @Test
  void reflectMirrorsWithoutRepeatingTheEdge() {
    int[] expected = {2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1};
    for (int i = -4; i < 8; i++) {
      assertEquals(expected[i + 4], ElasticKernel.reflect(i, 4), "i = " + i);
    }
    assertEquals(0, ElasticKernel.reflect(-5, 1));
  }

  @Test
  void paramsThatDoNotFitTheImageAreRejected() {
    ElasticParams p =
        elastic.sample(ElasticConfig.defaults(), Images.MNIST, new SplittableRandom(1));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                elastic.apply(
                    ElasticConfig.defaults(), p, new float[390], 0, new float[390], 0, Images.ODD));
    assertEquals(
        "elastic dx has 784 values, but an image of 3x10x13 needs 130 (height x width)",
        e.getMessage());
    assertEquals(p, new ElasticParams(p.dx().clone(), p.dy().clone()));
  }
}
