package org.rmnist.plugins.augment;

import java.util.Arrays;
import org.rmnist.api.ImageShape;

/** Integer translation with zero fill: {@code dst(x, y) = src(x - dx, y - dy)} in every channel. */
final class ShiftKernel {
  private ShiftKernel() {}

  /** Moves the image {@code dx} pixels right and {@code dy} pixels down; vacated pixels are 0. */
  static void shift(
      float[] src, int srcOffset, float[] dst, int dstOffset, ImageShape shape, int dx, int dy) {
    int h = shape.height();
    int w = shape.width();
    int from = Math.max(0, dx); // first destination column with a source pixel
    int to = Math.min(w, w + dx); // one past the last
    for (int c = 0; c < shape.channels(); c++) {
      int plane = c * h * w;
      for (int y = 0; y < h; y++) {
        int out = dstOffset + plane + y * w;
        int sy = y - dy;
        if (sy < 0 || sy >= h || from >= to) {
          Arrays.fill(dst, out, out + w, 0f);
          continue;
        }
        Arrays.fill(dst, out, out + from, 0f);
        System.arraycopy(src, srcOffset + plane + sy * w + from - dx, dst, out + from, to - from);
        Arrays.fill(dst, out + to, out + w, 0f);
      }
    }
  }
}
