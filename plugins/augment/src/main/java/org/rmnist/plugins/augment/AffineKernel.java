package org.rmnist.plugins.augment;

import org.rmnist.api.ImageShape;

/**
 * Affine warps about the image centre with bilinear interpolation and zero fill.
 *
 * <p>Coordinates: column x to the right, row y down, pixel centres at integers, centre c = ((w - 1)
 * / 2, (h - 1) / 2). A point p of the source moves to {@code M (p - c) + c + t}; the kernel inverts
 * M and reads the source at {@code M^-1 (q - c - t) + c} for every output pixel q.
 */
final class AffineKernel {
  private AffineKernel() {}

  /**
   * Rotation (degrees, counter-clockwise as displayed) after an x-shear (degrees: the row at offset
   * v from the centre moves {@code tan(shear) v} to the right) after scaling by (scaleX, scaleY),
   * then a translation (tx right, ty down, in pixels).
   */
  static void warp(
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape,
      double degrees,
      double scaleX,
      double scaleY,
      double shearDegrees,
      double tx,
      double ty) {
    double a = Math.toRadians(degrees);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    double k = Math.tan(Math.toRadians(shearDegrees));
    // M = R S_h S with R = [[cos, sin], [-sin, cos]] (y down), S_h = [[1, k], [0, 1]]
    double m00 = cos * scaleX;
    double m01 = (cos * k + sin) * scaleY;
    double m10 = -sin * scaleX;
    double m11 = (cos - sin * k) * scaleY;
    warpMatrix(src, srcOffset, dst, dstOffset, shape, m00, m01, m10, m11, tx, ty);
  }

  /** The general case: forward matrix [[m00, m01], [m10, m11]] (must be invertible), then t. */
  static void warpMatrix(
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape,
      double m00,
      double m01,
      double m10,
      double m11,
      double tx,
      double ty) {
    double det = m00 * m11 - m01 * m10;
    if (!(Math.abs(det) > 1e-12) || Double.isInfinite(det)) {
      throw new IllegalArgumentException(
          "affine matrix is not invertible (determinant " + det + ")");
    }
    double i00 = m11 / det;
    double i01 = -m01 / det;
    double i10 = -m10 / det;
    double i11 = m00 / det;
    int h = shape.height();
    int w = shape.width();
    int plane = h * w;
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    for (int c = 0; c < shape.channels(); c++) {
      int from = srcOffset + c * plane;
      int to = dstOffset + c * plane;
      for (int y = 0; y < h; y++) {
        double v = y - cy - ty;
        for (int x = 0; x < w; x++) {
          double u = x - cx - tx;
          float sx = (float) (i00 * u + i01 * v + cx);
          float sy = (float) (i10 * u + i11 * v + cy);
          dst[to + y * w + x] = Bilinear.at(src, from, h, w, sx, sy);
        }
      }
    }
  }
}
