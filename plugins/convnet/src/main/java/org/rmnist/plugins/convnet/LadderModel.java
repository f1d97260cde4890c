package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/**
 * {@code ladder}: Rasmus et al.'s ladder network on raw pixels, trained on the labelled images and
 * the run's unlabelled ones (YAML {@code unlabelled: pool}), DJL on PyTorch.
 */
@Extension
public final class LadderModel implements Model<LadderConfig> {
  static final String ID = "ladder";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean exportsOnnx() {
    return true;
  }

  @Override
  public String summary() {
    return "ladder network (Rasmus et al. 2015): a fully connected encoder taught by the labels and "
        + "by denoising every layer of the run's unlabelled images, DJL + PyTorch";
  }

  @Override
  public Class<LadderConfig> configType() {
    return LadderConfig.class;
  }

  @Override
  public LadderConfig defaults() {
    return LadderConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      LadderConfig config, ImageSet train, ImageSet validation, TrainContext context)
      throws IOException {
    LadderNet net = new LadderNet(config, train.shape(), context.classes());
    return TrainedNet.fit(
        ID,
        net,
        architecture(config),
        config,
        Fitter.threads(config.training(), context),
        train.shape(),
        context,
        manager -> new Ladder(net, config, manager, context).run(train, validation));
  }

  @Override
  public TrainedModel load(LadderConfig config, Path dir) throws IOException {
    return TrainedNet.load(
        ID,
        architecture(config),
        config,
        ConvnetModel.threads(config.training().threads()),
        dir,
        (shape, classes) -> new LadderNet(config, shape, classes));
  }

  static String architecture(LadderConfig c) {
    return "hidden=" + c.hidden();
  }
}
