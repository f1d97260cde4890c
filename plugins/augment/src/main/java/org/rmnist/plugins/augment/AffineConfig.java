package org.rmnist.plugins.augment;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code affine}; all ranges 0 is the identity.
 *
 * @param degrees largest rotation angle
 * @param scale largest relative change of size
 * @param anisotropic whether x and y scale independently
 * @param shear largest horizontal shear angle
 * @param translate largest translation per axis
 */
public record AffineConfig(
    @Doc(
            "largest rotation in degrees: uniform in [-degrees, degrees], positive "
                + "counter-clockwise as displayed, about the image centre; 0..180")
        double degrees,
    @Doc(
            "largest relative size change: the scale factor is uniform in [1 - scale, 1 + scale]"
                + "; 0..0.9")
        double scale,
    @Doc(
            "false: one scale factor for both axes; true: x and y factors drawn independently, "
                + "each in [1 - scale, 1 + scale]")
        boolean anisotropic,
    @Doc(
            "largest horizontal shear (slant) in degrees: uniform in [-shear, shear]; a row v "
                + "pixels below the centre moves tan(angle) v pixels right; 0..60")
        double shear,
    @Doc(
            "largest translation in pixels (real-valued, bilinear): tx and ty uniform in "
                + "[-translate, translate]; 0..64")
        double translate) {

  public AffineConfig {
    Checks.range("degrees", degrees, 0, 180);
    Checks.range("scale", scale, 0, 0.9);
    Checks.range("shear", shear, 0, 60);
    Checks.range("translate", translate, 0, 64);
  }

  /** ±10 degrees, ±10 % isotropic scale, ±10 degrees shear, ±2 pixels. */
  public static AffineConfig defaults() {
    return new AffineConfig(10, 0.1, false, 10, 2);
  }

  /** Every range 0: the identity. */
  public static AffineConfig none() {
    return new AffineConfig(0, 0, false, 0, 0);
  }
}
