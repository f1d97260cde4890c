package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** {@code random-forest}: bagged CART trees with random features per split, as scikit-learn's. */
@Extension
public final class RandomForestModel implements Model<RandomForestConfig> {

  @Override
  public String id() {
    return "random-forest";
  }

  @Override
  public String summary() {
    return "random forest of CART trees on raw pixels (bootstrap, random pixels per split); "
        + "averaged leaf probabilities";
  }

  @Override
  public Class<RandomForestConfig> configType() {
    return RandomForestConfig.class;
  }

  @Override
  public RandomForestConfig defaults() {
    return RandomForestConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      RandomForestConfig config, ImageSet train, ImageSet validation, TrainContext context) {
    int pixels = train.shape().size();
    int features =
        config.featuresPerSplit() == 0
            ? Math.max(1, (int) Math.sqrt(pixels))
            : config.featuresPerSplit();
    if (features > pixels) {
      throw new IllegalArgumentException(
          "featuresPerSplit: "
              + features
              + " exceeds the "
              + pixels
              + " pixels of an image "
              + train.shape());
    }
    ForestTrainedModel.Growth growth =
        new ForestTrainedModel.Growth(config.trees(), true, config.maxDepth(), features);
    return ForestTrainedModel.grow(
        train, context.classes(), growth, context.seed(), context.threads(), context.progress());
  }

  @Override
  public TrainedModel load(RandomForestConfig config, Path dir) throws IOException {
    return ForestTrainedModel.load(dir);
  }
}
