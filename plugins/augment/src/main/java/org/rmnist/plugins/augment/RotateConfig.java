package org.rmnist.plugins.augment;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code rotate}.
 *
 * @param degrees largest rotation angle
 */
public record RotateConfig(
    @Doc(
            "largest rotation in degrees: the angle is uniform in [-degrees, degrees], positive "
                + "counter-clockwise as displayed, about the image centre; 0..180")
        double degrees) {

  public RotateConfig {
    Checks.range("degrees", degrees, 0, 180);
  }

  /** ±15 degrees. */
  public static RotateConfig defaults() {
    return new RotateConfig(15);
  }
}
