package org.rmnist.plugins.supertrain;

import java.util.Map;
import org.pf4j.Extension;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.TrainingSetBuilder;

/**
 * {@code herding}: per class, greedily the pool images whose running mean comes closest to the
 * class mean.
 */
@Extension
public final class HerdingBuilder implements TrainingSetBuilder<SpaceConfig> {
  @Override
  public String id() {
    return "herding";
  }

  @Override
  public String summary() {
    return "chosen real images: herding, per class greedy matching of the class mean (pixels, "
        + "blurred pixels or features)";
  }

  @Override
  public Class<SpaceConfig> configType() {
    return SpaceConfig.class;
  }

  @Override
  public SpaceConfig defaults() {
    return SpaceConfig.defaults();
  }

  @Override
  public boolean usesFeatures(SpaceConfig config) {
    return config.space().equals("features");
  }

  @Override
  public BuiltSet build(SpaceConfig config, BuildRequest request, BuildContext context) {
    int[][] byClass = request.byClass();
    request.requireEnough(byClass);
    Space s = Space.of(request, config.space(), config.blur());
    int[][] chosen = new int[byClass.length][];
    for (int c = 0; c < byClass.length; c++) {
      chosen[c] = Chosen.herding(s, byClass[c], request.n());
    }
    return Chosen.set(request, chosen, Map.of("method", id(), "space", config.space()));
  }
}
