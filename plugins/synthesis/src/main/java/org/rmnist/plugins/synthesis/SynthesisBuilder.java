package org.rmnist.plugins.synthesis;

import java.io.IOException;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.TrainingSetBuilder;

/** A builder that runs the {@link Synthesizer} loop with its own objective. */
abstract class SynthesisBuilder implements TrainingSetBuilder<SynthesisConfig> {
  /** The loss of one step under {@code config}. */
  abstract Synthesizer.Objective objective(SynthesisConfig config);

  @Override
  public final Class<SynthesisConfig> configType() {
    return SynthesisConfig.class;
  }

  @Override
  public final SynthesisConfig defaults() {
    return SynthesisConfig.defaults();
  }

  /** With {@code labels: learned} the set carries the labels learned with it. */
  @Override
  public boolean softLabels(SynthesisConfig config) {
    return config.learnsLabels();
  }

  /** With {@code init: start} it refines the set another builder made first. */
  @Override
  public boolean startsFrom(SynthesisConfig config) {
    return config.startsFrom();
  }

  @Override
  public final BuiltSet build(SynthesisConfig config, BuildRequest request, BuildContext context)
      throws IOException {
    return Synthesizer.run(id(), config, request, context, objective(config));
  }
}
