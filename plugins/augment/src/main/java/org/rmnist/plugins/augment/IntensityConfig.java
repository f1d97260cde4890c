package org.rmnist.plugins.augment;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code intensity}; each part is off when its range is 0.
 *
 * @param noise std of the per-value Gaussian noise
 * @param brightness largest additive change
 * @param contrast largest relative contrast change
 * @param thickness largest stroke thickness change
 */
public record IntensityConfig(
    @Doc("std of Gaussian noise added to every value independently; 0 = off; 0..1") double noise,
    @Doc(
            "largest brightness change: a value uniform in [-brightness, brightness] is added "
                + "to every pixel; 0 = off; 0..1")
        double brightness,
    @Doc(
            "largest contrast change: factor uniform in [1 - contrast, 1 + contrast] about each "
                + "channel's mean; 0 = off; 0..1")
        double contrast,
    @Doc(
            "largest stroke thickness change: s uniform in [-thickness, thickness]; s > 0 blends "
                + "fraction s towards the 3x3 grey-level dilation (max), s < 0 fraction -s "
                + "towards the erosion (min); 0 = off; 0..1")
        double thickness) {

  public IntensityConfig {
    Checks.range("noise", noise, 0, 1);
    Checks.range("brightness", brightness, 0, 1);
    Checks.range("contrast", contrast, 0, 1);
    Checks.range("thickness", thickness, 0, 1);
  }

  /** Mild changes of every part. */
  public static IntensityConfig defaults() {
    return new IntensityConfig(0.05, 0.1, 0.2, 0.5);
  }

  /** Every part off: the identity. */
  public static IntensityConfig none() {
    return new IntensityConfig(0, 0, 0, 0);
  }
}
