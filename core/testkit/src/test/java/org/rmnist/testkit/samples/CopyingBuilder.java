package org.rmnist.testkit.samples;

import java.util.Map;
import org.pf4j.Extension;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.Doc;
import org.rmnist.api.TrainingSetBuilder;

/**
 * Broken on purpose, for the builder contract's own test: returns each class's first image n times
 * (so the same pool image twice) and never checks that a class has n images.
 */
@Extension
public final class CopyingBuilder implements TrainingSetBuilder<CopyingBuilder.Config> {

  /** Config. */
  public record Config(@Doc("unused; 0..10") int unused) {
    public Config {
      if (unused < 0 || unused > 10) {
        throw new IllegalArgumentException("unused: must be in [0, 10], got " + unused);
      }
    }
  }

  @Override
  public String id() {
    return "copying";
  }

  @Override
  public String summary() {
    return "returns each class's first image n times";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(0);
  }

  @Override
  public BuiltSet build(Config config, BuildRequest request, BuildContext context) {
    int[][] byClass = request.byClass();
    int[] positions = new int[byClass.length * request.n()];
    for (int c = 0; c < byClass.length; c++) {
      for (int i = 0; i < request.n(); i++) {
        positions[c * request.n() + i] = byClass[c][0];
      }
    }
    return new BuiltSet(request.pool().select(positions), Map.of());
  }
}
