package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a number inside graphs autograd differentiates. DJL's {@code mul(Number)}, {@code
 * div(Number)} and {@code maximum(Number)} wrap the number in a tensor over a Java buffer and close
 * that tensor at once, while autograd keeps it for the backward pass; the JVM may free the buffer
 * and reuse its memory before then, and the gradient comes out scaled by whatever lies there (seen
 * as steps with gradients of 1e24-1e35; docs/platform.md, item 12). Here the number is a tensor
 * libtorch owns, which autograd's reference keeps alive.
 */
final class Scalars {
  private Scalars() {}

  /** {@code x * c}. */
  static NDArray times(NDArray x, float c) {
    try (NDArray s = constant(x, c)) {
      return x.mul(s);
    }
  }

  /** {@code x / c}. */
  static NDArray over(NDArray x, float c) {
    try (NDArray s = constant(x, c)) {
      return x.div(s);
    }
  }

  /** {@code max(x, c)} elementwise. */
  static NDArray atLeast(NDArray x, float c) {
    try (NDArray s = constant(x, c)) {
      return x.maximum(s);
    }
  }

  private static NDArray constant(NDArray x, float c) {
    return x.getManager().full(new Shape(), c);
  }
}
