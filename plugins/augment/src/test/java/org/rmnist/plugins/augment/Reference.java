package org.rmnist.plugins.augment;

import org.rmnist.api.ImageShape;

/** Slow, obvious double-precision reference warps for the kernels to be checked against. */
final class Reference {
  private Reference() {}

  /** Maps an output pixel (x, y) to the source point it reads. */
  interface InverseMap {
    double[] source(double x, double y);
  }

  /** Bilinear read with zero outside, in double. */
  static double bilinear(float[] img, ImageShape s, int c, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    return (1 - fx) * (1 - fy) * pixel(img, s, c, x0, y0)
        + fx * (1 - fy) * pixel(img, s, c, x0 + 1, y0)
        + (1 - fx) * fy * pixel(img, s, c, x0, y0 + 1)
        + fx * fy * pixel(img, s, c, x0 + 1, y0 + 1);
  }

  private static double pixel(float[] img, ImageShape s, int c, int x, int y) {
    if (x < 0 || y < 0 || x >= s.width() || y >= s.height()) {
      return 0;
    }
    return Images.at(img, s, c, y, x);
  }

  /** Every pixel of every channel read at {@code map.source(x, y)}. */
  static double[] warp(float[] img, ImageShape s, InverseMap map) {
    double[] out = new double[s.size()];
    for (int c = 0; c < s.channels(); c++) {
      for (int y = 0; y < s.height(); y++) {
        for (int x = 0; x < s.width(); x++) {
          double[] p = map.source(x, y);
          out[c * s.height() * s.width() + y * s.width() + x] = bilinear(img, s, c, p[0], p[1]);
        }
      }
    }
    return out;
  }

  /** Largest absolute difference. */
  static double maxDiff(float[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
