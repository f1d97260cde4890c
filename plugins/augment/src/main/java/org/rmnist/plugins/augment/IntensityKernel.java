package org.rmnist.plugins.augment;

import org.rmnist.api.ImageShape;

/**
 * Grey-level changes, in this order: stroke thickness (a blend towards the 3x3 grey-level dilation
 * or erosion), contrast about each channel's mean, additive brightness, per-value noise, then a
 * clamp to [0, 1]. A part whose parameter is neutral is skipped, so all-neutral parameters copy the
 * image exactly.
 */
final class IntensityKernel {
  private IntensityKernel() {}

  /**
   * Applies the parts to {@code src} and writes the result to {@code dst}.
   *
   * @param stroke in [-1, 1]: s > 0 blends fraction s towards the 3x3 maximum (thicker strokes), s
   *     < 0 fraction -s towards the 3x3 minimum (thinner); the 3x3 window is cut at the border
   * @param contrast factor about the channel mean (1 = unchanged)
   * @param brightness added to every value (0 = unchanged)
   * @param noise added value by value (channel-major), or empty for none
   */
  static void apply(
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape,
      float stroke,
      float contrast,
      float brightness,
      float[] noise) {
    int h = shape.height();
    int w = shape.width();
    int plane = h * w;
    for (int c = 0; c < shape.channels(); c++) {
      int s = srcOffset + c * plane;
      int d = dstOffset + c * plane;
      if (stroke == 0f) {
        System.arraycopy(src, s, dst, d, plane);
      } else {
        morph(src, s, dst, d, h, w, stroke);
      }
      if (contrast != 1f) {
        double sum = 0;
        for (int i = 0; i < plane; i++) {
          sum += dst[d + i];
        }
        float mean = (float) (sum / plane);
        for (int i = 0; i < plane; i++) {
          dst[d + i] = mean + contrast * (dst[d + i] - mean);
        }
      }
    }
    int n = shape.size();
    if (brightness != 0f) {
      for (int i = 0; i < n; i++) {
        dst[dstOffset + i] += brightness;
      }
    }
    if (noise.length > 0) {
      for (int i = 0; i < n; i++) {
        dst[dstOffset + i] += noise[i];
      }
    }
    for (int i = 0; i < n; i++) {
      dst[dstOffset + i] = Math.max(0f, Math.min(1f, dst[dstOffset + i]));
    }
  }

  /**
   * One plane: blend fraction |stroke| towards the 3x3 max (stroke > 0) or min (stroke < 0). The
   * 3x3 window is separable: a 3-row pass from src into dst, then a 3-column pass in place with a
   * rolling value (no scratch). The min is computed as -max(-v) (exact), so one code path serves.
   */
  private static void morph(float[] src, int s, float[] dst, int d, int h, int w, float stroke) {
    float sign = stroke > 0 ? 1f : -1f;
    for (int y = 0; y < h; y++) {
      int above = s + Math.max(0, y - 1) * w;
      int row = s + y * w;
      int below = s + Math.min(h - 1, y + 1) * w;
      int out = d + y * w;
      for (int x = 0; x < w; x++) {
        dst[out + x] = max(max(sign * src[above + x], sign * src[row + x]), sign * src[below + x]);
      }
    }
    for (int y = 0; y < h; y++) {
      int out = d + y * w;
      float previous = dst[out];
      for (int x = 0; x < w; x++) {
        float here = dst[out + x];
        float next = x + 1 < w ? dst[out + x + 1] : here;
        dst[out + x] = max(max(previous, here), next);
        previous = here;
      }
    }
    float f = Math.abs(stroke);
    float keep = 1f - f;
    int n = h * w;
    for (int i = 0; i < n; i++) {
      dst[d + i] = keep * src[s + i] + f * (sign * dst[d + i]); // exactly the max/min at f = 1
    }
  }

  /** The larger of two values that are never NaN. */
  private static float max(float a, float b) {
    return a > b ? a : b;
  }
}
