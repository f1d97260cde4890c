package org.rmnist.plugins.supertrain;

import java.util.Map;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.TrainingSetBuilder;

/** A builder that chooses each class's images on their own by a deterministic rule in a space. */
abstract class PerClassBuilder implements TrainingSetBuilder<SpaceConfig> {
  /** The n rows of {@code rows} (one class's pool positions) the rule chooses. */
  abstract int[] choose(Space space, int[] rows, int n);

  @Override
  public final Class<SpaceConfig> configType() {
    return SpaceConfig.class;
  }

  @Override
  public final SpaceConfig defaults() {
    return SpaceConfig.defaults();
  }

  @Override
  public final boolean usesFeatures(SpaceConfig config) {
    return config.space().equals("features");
  }

  @Override
  public final BuiltSet build(SpaceConfig config, BuildRequest request, BuildContext context) {
    int[][] byClass = request.byClass();
    request.requireEnough(byClass);
    Space s = Space.of(request, config.space(), config.blur());
    int[][] chosen = new int[byClass.length][];
    for (int c = 0; c < byClass.length; c++) {
      chosen[c] = choose(s, byClass[c], request.n());
    }
    return Chosen.set(request, chosen, Map.of("method", id(), "space", config.space()));
  }
}
