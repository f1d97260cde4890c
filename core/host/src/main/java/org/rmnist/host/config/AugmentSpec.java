package org.rmnist.host.config;

import java.util.List;

/**
 * Static expansion: {@code copies} distorted copies of every training image, each made by the steps in
 * order, every step applied with its probability.
 *
 * @param copies distorted copies per image
 * @param keepOriginal whether the undistorted images stay in the training set
 * @param steps the transforms, in order
 */
public record AugmentSpec(Integer copies, Boolean keepOriginal, List<StepSpec> steps) {

  public AugmentSpec {
    copies = copies == null ? 1 : copies;
    keepOriginal = keepOriginal == null || keepOriginal;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
