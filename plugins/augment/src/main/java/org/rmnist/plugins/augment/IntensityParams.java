package org.rmnist.plugins.augment;

import java.util.Arrays;

/**
 * One application of {@code intensity}, applied in this order: stroke, contrast, brightness, noise,
 * clamp to [0, 1]. Treat the noise array as read-only.
 *
 * @param stroke in [-1, 1]: positive blends towards the 3x3 dilation, negative the erosion
 * @param contrast factor about each channel's mean (1 = unchanged)
 * @param brightness added to every value
 * @param noise added value by value, channel-major, one per value of the image; empty for none
 */
public record IntensityParams(double stroke, double contrast, double brightness, float[] noise) {

  /** Equal when every part, noise values included, is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IntensityParams p
        && Double.compare(stroke, p.stroke) == 0
        && Double.compare(contrast, p.contrast) == 0
        && Double.compare(brightness, p.brightness) == 0
        && Arrays.equals(noise, p.noise);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(stroke)
        + 17 * Double.hashCode(contrast)
        + 7 * Double.hashCode(brightness)
        + Arrays.hashCode(noise);
  }

  /** A summary for logs (the noise as its count only). */
  @Override
  public String toString() {
    return "IntensityParams[stroke="
        + stroke
        + ", contrast="
        + contrast
        + ", brightness="
        + brightness
        + ", noise="
        + noise.length
        + " values]";
  }
}
