package org.rmnist.plugins.augment;

import org.rmnist.api.ImageShape;

/** Checks that the arrays of a params record fit the image they are applied to. */
final class ParamArrays {
  private ParamArrays() {}

  /** A per-pixel parameter array must have one value per pixel of the image plane. */
  static void plane(String what, float[] values, ImageShape shape) {
    int expected = shape.height() * shape.width();
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what
              + " has "
              + values.length
              + " values, but an image of "
              + shape
              + " needs "
              + expected
              + " (height x width)");
    }
  }

  /** A per-value parameter array must be empty or have one value per value of the image. */
  static void image(String what, float[] values, ImageShape shape) {
    if (values.length != 0 && values.length != shape.size()) {
      throw new IllegalArgumentException(
          what
              + " has "
              + values.length
              + " values, but an image of "
              + shape
              + " needs 0 or "
              + shape.size());
    }
  }
}
