package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** {@code decision-tree}: one CART tree (Gini) on raw pixels, split as scikit-learn splits. */
@Extension
public final class DecisionTreeModel implements Model<DecisionTreeConfig> {

  @Override
  public String id() {
    return "decision-tree";
  }

  @Override
  public String summary() {
    return "CART decision tree (Gini) on raw pixels; random feature order breaks ties (seeded)";
  }

  @Override
  public Class<DecisionTreeConfig> configType() {
    return DecisionTreeConfig.class;
  }

  @Override
  public DecisionTreeConfig defaults() {
    return DecisionTreeConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      DecisionTreeConfig config, ImageSet train, ImageSet validation, TrainContext context) {
    int pixels = train.shape().size();
    int features = Math.max(1, (int) Math.floor(config.fractionFeatures() * pixels));
    ForestTrainedModel.Growth growth =
        new ForestTrainedModel.Growth(1, false, config.maxDepth(), features);
    return ForestTrainedModel.grow(
        train, context.classes(), growth, context.seed(), 1, context.progress());
  }

  @Override
  public TrainedModel load(DecisionTreeConfig config, Path dir) throws IOException {
    return ForestTrainedModel.load(dir);
  }
}
