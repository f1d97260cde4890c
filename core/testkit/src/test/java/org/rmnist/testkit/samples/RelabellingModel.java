package org.rmnist.testkit.samples;

import org.rmnist.api.ImageSet;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** Broken on purpose: rewrites a validation label in place (its pixels stay as they were). */
public class RelabellingModel extends CentroidModel {
  @Override
  public TrainedModel fit(Config config, ImageSet train, ImageSet validation, TrainContext ctx) {
    validation.labels()[0] = (validation.labels()[0] + 1) % ctx.classes();
    return super.fit(config, train, validation, ctx);
  }
}
