package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * One draw of the siamese differentiable augmentation (DSA, Zhao &amp; Bilen 2021, without flips):
 * optionally a {@link Warp} (rotation, scale and shear, with or without an elastic displacement),
 * then a shift of up to 2 pixels (zero fill), a contrast factor in [0.8, 1.2] about the image's
 * mean and, half of the time, a 7×7 cutout. The same draw is applied to the real batch and to the
 * synthetic images of a step, and every op is differentiable in the pixels.
 *
 * @param warp the warp's transposed linear map ({@link Warp#draw}), or null for none
 */
record Augment(boolean on, int dy, int dx, float contrast, int cutY, int cutX, float[] warp) {
  static final int MAX_SHIFT = 2;
  static final int CUT = 7;

  /** A draw without a warp (what the builders did before {@code warp} existed). */
  static Augment draw(boolean on, SplittableRandom r, int height, int width) {
    return draw(on, "none", r, height, width);
  }

  /**
   * One draw; the warp's random numbers come after the others', so {@code warp: none} draws exactly
   * what earlier builds drew.
   */
  static Augment draw(boolean on, String warp, SplittableRandom r, int height, int width) {
    int dy = r.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
    int dx = r.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
    float contrast = (float) (0.8 + 0.4 * r.nextDouble());
    boolean cut = r.nextBoolean();
    int cy = cut ? r.nextInt(height - CUT + 1) : -1;
    int cx = cut ? r.nextInt(width - CUT + 1) : -1;
    float[] map = on ? Warp.draw(warp, r, height, width) : null;
    return new Augment(on, dy, dx, contrast, cy, cx, map);
  }

  /** The augmented batch (batch × channels × height × width). */
  NDArray apply(NDArray x) {
    if (!on) {
      return x;
    }
    Shape shape = x.getShape();
    long h = shape.get(2);
    long w = shape.get(3);
    if (warp != null) {
      NDArray map = x.getManager().create(warp, new Shape(h * w, h * w));
      x = x.reshape(shape.get(0) * shape.get(1), h * w).matMul(map).reshape(shape);
    }
    NDArray padded = x.pad(new Shape(MAX_SHIFT, MAX_SHIFT, MAX_SHIFT, MAX_SHIFT), 0);
    long top = MAX_SHIFT + dy;
    long left = MAX_SHIFT + dx;
    NDArray shifted = padded.get(new NDIndex(":, :, {}:{}, {}:{}", top, top + h, left, left + w));
    NDArray mean = shifted.mean(new int[] {3}, true).mean(new int[] {2}, true);
    NDArray out = Scalars.times(shifted.sub(mean), contrast).add(mean);
    if (cutY >= 0) {
      float[] mask = new float[(int) (h * w)];
      java.util.Arrays.fill(mask, 1f);
      for (int y = cutY; y < cutY + CUT; y++) {
        for (int xx = cutX; xx < cutX + CUT; xx++) {
          mask[(int) (y * w + xx)] = 0f;
        }
      }
      out = out.mul(x.getManager().create(mask, new Shape(1, 1, h, w)));
    }
    return out;
  }
}
