package org.rmnist.testkit.samples;

import java.io.IOException;
import java.nio.file.Path;
import org.rmnist.api.ImageSet;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/**
 * Broken on purpose: scales its input images in place and loads with another temperature than it
 * trained with, so loaded predictions differ.
 */
public class ForgetfulModel extends CentroidModel {
  @Override
  public TrainedModel fit(Config config, ImageSet train, ImageSet validation, TrainContext ctx) {
    train.pixels()[0] = 0.123f;
    return super.fit(config, train, validation, ctx);
  }

  @Override
  public TrainedModel load(Config config, Path dir) throws IOException {
    return super.load(new Config(config.temperature() * 7), dir);
  }
}
