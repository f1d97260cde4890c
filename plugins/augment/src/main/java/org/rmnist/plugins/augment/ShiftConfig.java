package org.rmnist.plugins.augment;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code shift}.
 *
 * @param max largest shift per axis, in pixels
 */
public record ShiftConfig(
    @Doc(
            "largest shift per axis in whole pixels: dx and dy are uniform integers in "
                + "[-max, max], zero fill; enumerate gives all (2 max + 1)^2 shifts; 0..64 "
                + "(Nielsen: 1, his 9 images)")
        int max) {

  public ShiftConfig {
    Checks.range("max", max, 0, 64);
  }

  /** ±1 pixel, Nielsen's expansion. */
  public static ShiftConfig defaults() {
    return new ShiftConfig(1);
  }
}
