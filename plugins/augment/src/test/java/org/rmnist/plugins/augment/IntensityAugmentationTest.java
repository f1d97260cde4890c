package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageShape;

class IntensityAugmentationTest {
  private static final float[] NONE = new float[0];
  private final IntensityAugmentation intensity = new IntensityAugmentation();

  private float[] apply(float[] src, ImageShape s, IntensityParams p) {
    float[] dst = new float[s.size()];
    intensity.apply(IntensityConfig.defaults(), p, src, 0, dst, 0, s);
    return dst;
  }

  @Test
  void allRangesZeroIsTheIdentity() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.noise(s, 1);
      for (long seed = 0; seed < 5; seed++) {
        IntensityParams p = intensity.sample(IntensityConfig.none(), s, new SplittableRandom(seed));
        assertEquals(new IntensityParams(0, 1, 0, NONE), p);
        float[] dst = new float[s.size()];
        intensity.apply(IntensityConfig.none(), p, src, 0, dst, 0, s);
        assertArrayEquals(src, dst);
      }
    }
  }

  /** 3x3 max (dilate) or min, the window cut at the border. */
  private static float[] morph(float[] src, ImageShape s, boolean max) {
    float[] out = new float[s.size()];
    for (int c = 0; c < s.channels(); c++) {
      for (int y = 0; y < s.height(); y++) {
        for (int x = 0; x < s.width(); x++) {
          float m = max ? 0f : 1f;
          for (int j = -1; j <= 1; j++) {
            for (int i = -1; i <= 1; i++) {
              int yy = y + j;
              int xx = x + i;
              if (yy >= 0 && xx >= 0 && yy < s.height() && xx < s.width()) {
                float v = Images.at(src, s, c, yy, xx);
                m = max ? Math.max(m, v) : Math.min(m, v);
              }
            }
          }
          out[c * s.height() * s.width() + y * s.width() + x] = m;
        }
      }
    }
    return out;
  }

  @Test
  void strokeIsABlendTowardsDilationOrErosion() {
    ImageShape s = Images.ODD;
    float[] src = Images.digit(s, 2);
    float[] dilated = morph(src, s, true);
    float[] eroded = morph(src, s, false);
    assertArrayEquals(dilated, apply(src, s, new IntensityParams(1, 1, 0, NONE)));
    assertArrayEquals(eroded, apply(src, s, new IntensityParams(-1, 1, 0, NONE)));
    float[] half = apply(src, s, new IntensityParams(0.25, 1, 0, NONE));
    for (int i = 0; i < src.length; i++) {
      assertEquals(src[i] + 0.25f * (dilated[i] - src[i]), half[i], 1e-6);
    }
  }

  @Test
  void contrastKeepsEachChannelMeanAndScalesDeviations() {
    ImageShape s = new ImageShape(2, 8, 8);
    float[] src = Images.noise(s, 3);
    for (int i = 0; i < src.length; i++) {
      src[i] = 0.3f + 0.4f * src[i] + (i < 64 ? 0f : 0.1f); // no clamping at factor 1.5
    }
    float[] out = apply(src, s, new IntensityParams(0, 1.5, 0, NONE));
    for (int c = 0; c < 2; c++) {
      double before = 0;
      double after = 0;
      for (int i = c * 64; i < (c + 1) * 64; i++) {
        before += src[i];
        after += out[i];
      }
      assertEquals(before / 64, after / 64, 1e-6, "channel " + c + " mean");
      assertEquals(1.5 * (src[c * 64 + 1] - src[c * 64]), out[c * 64 + 1] - out[c * 64], 1e-5);
    }
  }

  @Test
  void brightnessAddsAndTheResultIsClamped() {
    ImageShape s = Images.MNIST;
    float[] src = Images.digit(s, 4);
    float[] out = apply(src, s, new IntensityParams(0, 1, 0.2, NONE));
    for (int i = 0; i < src.length; i++) {
      assertEquals(Math.min(1f, src[i] + 0.2f), out[i], 1e-6);
    }
    float[] white = new float[s.size()];
    Arrays.fill(white, 1f);
    assertArrayEquals(white, apply(src, s, new IntensityParams(0, 1, 1, NONE)));
    assertArrayEquals(new float[s.size()], apply(src, s, new IntensityParams(0, 1, -1, NONE)));
  }

  @Test
  void noiseHasTheConfiguredStandardDeviation() {
    ImageShape s = new ImageShape(1, 64, 64);
    IntensityParams p =
        intensity.sample(new IntensityConfig(0.1, 0, 0, 0), s, new SplittableRandom(5));
    assertEquals(s.size(), p.noise().length);
    double sum = 0;
    double sumSq = 0;
    for (float v : p.noise()) {
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / s.size();
    assertEquals(0, mean, 0.006);
    assertEquals(0.1, Math.sqrt(sumSq / s.size() - mean * mean), 0.005);
    float[] grey = new float[s.size()];
    Arrays.fill(grey, 0.5f);
    float[] out = apply(grey, s, p);
    for (int i = 0; i < out.length; i++) {
      assertEquals(Math.max(0f, Math.min(1f, 0.5f + p.noise()[i])), out[i], 1e-6);
    }
  }

  @Test
  void eachPartDrawsWithinItsRange() {
    IntensityConfig config = new IntensityConfig(0, 0.1, 0.3, 0.5);
    SplittableRandom r = new SplittableRandom(6);
    for (int i = 0; i < 1000; i++) {
      IntensityParams p = intensity.sample(config, Images.MNIST, r);
      assertTrue(Math.abs(p.stroke()) <= 0.5, p.toString());
      assertTrue(Math.abs(p.contrast() - 1) <= 0.3, p.toString());
      assertTrue(Math.abs(p.brightness()) <= 0.1, p.toString());
      assertEquals(0, p.noise().length);
    }
  }
}
