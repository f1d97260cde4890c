package org.rmnist.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Turns a run's images into feature vectors before its model sees them (transfer learning: a
 * pretrained network's layer, then a classifier on it). Features are computed once per extractor
 * and image set, after static augmentation, and kept in the results folder's feature cache.
 *
 * @param extractor the feature extractor extension id, YAML key {@code id} (may be left out when
 *     {@code manifest} names one, which says which extractor reads it)
 * @param model a pretrained network described in {@code models/<name>.yaml}, YAML key {@code
 *     manifest}: its extractor, file and preprocessing come from there; {@code params} override
 *     them, and {@code params.layer} may be one of the manifest's short layer names
 * @param params the extractor's parameters
 * @param standardize scale every feature to mean 0 and standard deviation 1 over the training set;
 *     the same shift and scale are applied to the evaluation sets
 */
public record FeatureSpec(
    @JsonProperty("id") String extractor,
    @JsonProperty("manifest") String model,
    Map<String, Object> params,
    Boolean standardize) {
  public FeatureSpec {
    params = params == null ? Map.of() : params;
    standardize = standardize != null && standardize;
  }
}
