package org.rmnist.host.config;

import java.util.List;

/**
 * Static expansion of the training set, done once before training.
 *
 * <p>{@code mode: random}: {@code copies} distorted copies of every image, each made by the steps
 * in order, every step applied with its probability. {@code mode: enumerate}: every combination of
 * the steps' discrete parameters (e.g. {@code shift} with max 1 gives Nielsen's 9 images per
 * original, the original among them); {@code copies} and {@code p} are not used.
 *
 * @param mode random or enumerate
 * @param copies distorted copies per image (random mode)
 * @param keepOriginal whether the undistorted images stay in the training set as well
 * @param steps the transforms, in order
 */
public record AugmentSpec(String mode, Integer copies, Boolean keepOriginal, List<StepSpec> steps) {

  /** The modes of static expansion. */
  public static final List<String> MODES = List.of("random", "enumerate");

  public AugmentSpec {
    mode = mode == null ? "random" : mode;
    copies = copies == null ? 1 : copies;
    keepOriginal = keepOriginal == null ? !"enumerate".equals(mode) : keepOriginal;
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
