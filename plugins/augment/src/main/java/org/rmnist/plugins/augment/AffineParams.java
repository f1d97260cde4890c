package org.rmnist.plugins.augment;

/**
 * One application of {@code affine}: the source moves by rotate(shear(scale(p - c))) + c + t.
 *
 * @param degrees rotation, counter-clockwise as displayed
 * @param scaleX horizontal scale factor
 * @param scaleY vertical scale factor
 * @param shear horizontal shear angle in degrees
 * @param translateX pixels to the right
 * @param translateY pixels down
 */
public record AffineParams(
    double degrees,
    double scaleX,
    double scaleY,
    double shear,
    double translateX,
    double translateY) {}
