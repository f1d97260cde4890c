package org.rmnist.host.config;

import java.util.Map;

/**
 * A data set's training set builder: instead of drawing N images per class, the data set's whole
 * training pool goes to a {@link org.rmnist.api.TrainingSetBuilder}, which chooses or synthesizes
 * them (super-trainers).
 *
 * @param id the builder extension id
 * @param params its parameters
 * @param features the feature space it works in, when it reads one: a feature extractor or a
 *     models/ manifest, as a run's {@code features} (computed once per pool and cached)
 * @param start null, or a builder whose set (built first, at the same N and seed, and cached on its
 *     own) this builder starts from, for one whose params read a start set (for example {@code dm}
 *     with {@code init: start} refining the search's chosen images)
 */
public record BuildSpec(
    String id, Map<String, Object> params, FeatureSpec features, BuildSpec start) {
  public BuildSpec {
    params = params == null ? Map.of() : params;
  }
}
