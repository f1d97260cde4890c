package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.support.Checks;

/** {@code knn}: k nearest neighbours by Euclidean distance on raw pixels, exact brute force. */
@Extension
public final class KnnModel implements Model<KnnConfig> {

  @Override
  public String id() {
    return "knn";
  }

  @Override
  public String summary() {
    return "k nearest neighbours, Euclidean or cosine, on raw or blurred pixels (exact brute "
        + "force; ties: lowest training index)";
  }

  @Override
  public Class<KnnConfig> configType() {
    return KnnConfig.class;
  }

  @Override
  public KnnConfig defaults() {
    return KnnConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      KnnConfig config, ImageSet train, ImageSet validation, TrainContext context) {
    if (config.k() > train.size()) {
      throw new IllegalArgumentException(
          "k: " + config.k() + " exceeds the " + train.size() + " training images");
    }
    int classes = Checks.classes(train.labels(), context.classes());
    KnnPrepare prepare = config.prepare();
    float[] pixels = prepare.apply(train.pixels(), train.size(), train.shape());
    return new KnnTrainedModel(
        new NearestNeighbours(config.k(), classes, train.shape().size(), pixels, train.labels()),
        prepare);
  }

  @Override
  public TrainedModel load(KnnConfig config, Path dir) throws IOException {
    return KnnTrainedModel.load(dir, config.prepare());
  }
}
