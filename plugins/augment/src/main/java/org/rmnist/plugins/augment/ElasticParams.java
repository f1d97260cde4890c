package org.rmnist.plugins.augment;

import java.util.Arrays;

/**
 * One application of {@code elastic}: the displacement of every pixel, row-major (height x width),
 * in pixels. The image is read at (x + dx, y + dy). Treat the arrays as read-only.
 *
 * @param dx horizontal displacements (positive: read from the right)
 * @param dy vertical displacements (positive: read from below)
 */
public record ElasticParams(float[] dx, float[] dy) {

  public ElasticParams {
    if (dx.length != dy.length) {
      throw new IllegalArgumentException("dx has " + dx.length + " values but dy has " + dy.length);
    }
  }

  /** Equal when both fields hold the same values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ElasticParams p && Arrays.equals(dx, p.dx) && Arrays.equals(dy, p.dy);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dx) + Arrays.hashCode(dy);
  }

  /** A summary for logs: the field size and the largest displacement. */
  @Override
  public String toString() {
    float max = 0;
    for (int i = 0; i < dx.length; i++) {
      max = Math.max(max, (float) Math.hypot(dx[i], dy[i]));
    }
    return "ElasticParams[" + dx.length + " pixels, max displacement " + max + " px]";
  }
}
