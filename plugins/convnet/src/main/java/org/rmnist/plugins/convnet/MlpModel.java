package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** {@code mlp}: scikit-learn's MLPClassifier (Nielsen's baseline), DJL on PyTorch. */
@Extension
public final class MlpModel implements Model<MlpConfig> {
  static final String ID = "mlp";

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
    return "multi-layer perceptron on raw pixels as scikit-learn's MLPClassifier (ReLU, L2 alpha, "
        + "Adam, loss-stall stopping), DJL + PyTorch";
  }

  @Override
  public Class<MlpConfig> configType() {
    return MlpConfig.class;
  }

  @Override
  public MlpConfig defaults() {
    return MlpConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      MlpConfig config, ImageSet train, ImageSet validation, TrainContext context)
      throws IOException {
    MlpNet net = new MlpNet(config, train.shape(), context.classes());
    return TrainedNet.fit(
        ID, net, architecture(config), config, config.training(), train, validation, context);
  }

  @Override
  public TrainedModel load(MlpConfig config, Path dir) throws IOException {
    return TrainedNet.load(
        ID,
        architecture(config),
        config,
        ConvnetModel.threads(config.training().threads()),
        dir,
        (shape, classes) -> new MlpNet(config, shape, classes));
  }

  static String architecture(MlpConfig c) {
    return "hidden=" + c.hidden();
  }
}
