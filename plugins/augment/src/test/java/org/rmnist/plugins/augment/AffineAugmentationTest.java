package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageShape;

class AffineAugmentationTest {
  private final AffineAugmentation affine = new AffineAugmentation();

  private float[] apply(float[] src, ImageShape s, AffineParams p) {
    float[] dst = new float[s.size()];
    affine.apply(AffineConfig.defaults(), p, src, 0, dst, 0, s);
    return dst;
  }

  @Test
  void identityConfigIsTheIdentity() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.noise(s, 1);
      for (long seed = 0; seed < 5; seed++) {
        AffineParams p = affine.sample(AffineConfig.none(), s, new SplittableRandom(seed));
        assertEquals(new AffineParams(0, 1, 1, 0, 0, 0), p);
        float[] dst = new float[s.size()];
        affine.apply(AffineConfig.none(), p, src, 0, dst, 0, s);
        assertArrayEquals(src, dst);
      }
    }
  }

  @Test
  void wholePixelTranslationEqualsShift() {
    ImageShape s = Images.ODD;
    float[] src = Images.digit(s, 2);
    float[] shifted = new float[s.size()];
    ShiftKernel.shift(src, 0, shifted, 0, s, 2, -1);
    assertArrayEquals(shifted, apply(src, s, new AffineParams(0, 1, 1, 0, 2, -1)));
  }

  @Test
  void rotationEqualsRotate() {
    ImageShape s = Images.MNIST;
    float[] src = Images.digit(s, 3);
    float[] rotated = new float[s.size()];
    new RotateAugmentation()
        .apply(RotateConfig.defaults(), new RotateParams(23), src, 0, rotated, 0, s);
    assertArrayEquals(rotated, apply(src, s, new AffineParams(23, 1, 1, 0, 0, 0)));
  }

  @Test
  void scaleTwoAboutTheCentre() {
    ImageShape s = new ImageShape(1, 9, 9);
    float[] src = Images.noise(s, 4);
    float[] out = apply(src, s, new AffineParams(0, 2, 2, 0, 0, 0));
    assertEquals(Images.at(src, s, 0, 4, 4), Images.at(out, s, 0, 4, 4));
    assertEquals(Images.at(src, s, 0, 4, 5), Images.at(out, s, 0, 4, 6)); // 2 px right reads 1
    assertEquals(Images.at(src, s, 0, 3, 4), Images.at(out, s, 0, 2, 4)); // 2 px up reads 1
  }

  /** Source point = M^-1 (q - c - t) + c with M = R(deg) [[1, tan sh], [0, 1]] diag(sx, sy). */
  @Test
  void matchesTheReferenceForGeneralParameters() {
    for (ImageShape s : new ImageShape[] {Images.MNIST, Images.ODD}) {
      float[] src = Images.digit(s, 5);
      AffineParams p = new AffineParams(17, 1.1, 0.85, -12, 1.3, -0.6);
      double a = Math.toRadians(p.degrees());
      double k = Math.tan(Math.toRadians(p.shear()));
      double[][] r = {{Math.cos(a), Math.sin(a)}, {-Math.sin(a), Math.cos(a)}};
      double[][] m =
          mul(
              mul(r, new double[][] {{1, k}, {0, 1}}),
              new double[][] {{p.scaleX(), 0}, {0, p.scaleY()}});
      double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
      double cx = (s.width() - 1) / 2.0;
      double cy = (s.height() - 1) / 2.0;
      double[] ref =
          Reference.warp(
              src,
              s,
              (x, y) -> {
                double u = x - cx - p.translateX();
                double v = y - cy - p.translateY();
                return new double[] {
                  cx + (m[1][1] * u - m[0][1] * v) / det, cy + (-m[1][0] * u + m[0][0] * v) / det
                };
              });
      double diff = Reference.maxDiff(apply(src, s, p), ref);
      assertTrue(diff < 1e-5, s + ": max difference " + diff);
    }
  }

  private static double[][] mul(double[][] a, double[][] b) {
    return new double[][] {
      {a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]},
      {a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]}
    };
  }

  @Test
  void samplesStayInTheirRanges() {
    AffineConfig iso = new AffineConfig(10, 0.2, false, 5, 3);
    AffineConfig aniso = new AffineConfig(10, 0.2, true, 5, 3);
    SplittableRandom r = new SplittableRandom(6);
    boolean differs = false;
    for (int i = 0; i < 1000; i++) {
      AffineParams p = affine.sample(iso, Images.MNIST, r);
      assertEquals(p.scaleX(), p.scaleY());
      assertTrue(Math.abs(p.degrees()) <= 10 && Math.abs(p.shear()) <= 5, p.toString());
      assertTrue(Math.abs(p.scaleX() - 1) <= 0.2, p.toString());
      assertTrue(Math.abs(p.translateX()) <= 3 && Math.abs(p.translateY()) <= 3, p.toString());
      AffineParams q = affine.sample(aniso, Images.MNIST, r);
      assertTrue(Math.abs(q.scaleY() - 1) <= 0.2, q.toString());
      differs |= q.scaleX() != q.scaleY();
    }
    assertTrue(differs, "anisotropic scales differ");
    assertNotEquals(
        affine.sample(iso, Images.MNIST, new SplittableRandom(1)),
        affine.sample(iso, Images.MNIST, new SplittableRandom(2)));
  }
}
