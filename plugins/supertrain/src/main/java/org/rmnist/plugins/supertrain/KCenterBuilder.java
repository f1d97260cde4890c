package org.rmnist.plugins.supertrain;

import java.util.Map;
import org.pf4j.Extension;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.TrainingSetBuilder;

/** {@code kcenter}: per class, k-center greedy cover of the class's pool images. */
@Extension
public final class KCenterBuilder implements TrainingSetBuilder<KCenterConfig> {
  @Override
  public String id() {
    return "kcenter";
  }

  @Override
  public String summary() {
    return "chosen real images: per class k-center greedy (each next image the farthest from those "
        + "chosen), pixels, blurred pixels or features";
  }

  @Override
  public Class<KCenterConfig> configType() {
    return KCenterConfig.class;
  }

  @Override
  public KCenterConfig defaults() {
    return KCenterConfig.defaults();
  }

  @Override
  public boolean usesFeatures(KCenterConfig config) {
    return config.space().equals("features");
  }

  @Override
  public BuiltSet build(KCenterConfig config, BuildRequest request, BuildContext context) {
    int[][] byClass = request.byClass();
    request.requireEnough(byClass);
    Space s = Space.of(request, config.space(), config.blur());
    int[][] chosen = new int[byClass.length][];
    for (int c = 0; c < byClass.length; c++) {
      int[] rows = byClass[c];
      if (config.start().equals("random")) {
        int first = request.seed().derive("kcenter", c).random().nextInt(rows.length);
        chosen[c] = Chosen.kCenter(s, rows, request.n(), first);
      } else {
        chosen[c] = Chosen.kCenterFromMean(s, rows, request.n());
      }
    }
    return Chosen.set(
        request, chosen, Map.of("method", id(), "space", config.space(), "start", config.start()));
  }
}
