package org.rmnist.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TrainingSetBuilder} returns.
 *
 * @param images N images per class (real, with their pool {@link ImageSet#sourceIndices()}, or
 *     synthetic, with source index -1), ordered by class
 * @param facts what a reader needs to judge the build (method, feature space, scores on the
 *     builder's own selection split, build time, curve file), recorded with the runs that use it;
 *     JSON-compatible values
 */
public record BuiltSet(ImageSet images, Map<String, Object> facts) {

  public BuiltSet {
    Objects.requireNonNull(images, "images");
    facts = Map.copyOf(facts);
  }
}
