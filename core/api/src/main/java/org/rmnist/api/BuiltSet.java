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
 * @param softLabels null, or (when {@link TrainingSetBuilder#softLabels} says so) one row of {@code
 *     classes} probabilities per image, in the images' order: non-negative, summing to 1, the
 *     targets a model that can use them trains towards (learned labels, as KIP, RFAD and FRePo
 *     learn); each image's label stays the class it was built for
 */
public record BuiltSet(ImageSet images, Map<String, Object> facts, float[] softLabels) {

  /** A set with hard labels only. */
  public BuiltSet(ImageSet images, Map<String, Object> facts) {
    this(images, facts, null);
  }

  public BuiltSet {
    Objects.requireNonNull(images, "images");
    facts = Map.copyOf(facts);
  }
}
