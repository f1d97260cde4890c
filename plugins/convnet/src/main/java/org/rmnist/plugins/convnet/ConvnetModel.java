package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** {@code convnet}: Nielsen's convolutional network (and variants), DJL on PyTorch. */
@Extension
public final class ConvnetModel implements Model<ConvnetConfig> {
  static final String ID = "convnet";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean exportsOnnx() {
    return true;
  }

  @Override
  public List<String> objectives() {
    return ConvnetConfig.OBJECTIVES;
  }

  /** Supervised training takes a built set's soft labels as its cross-entropy targets. */
  @Override
  public boolean softLabels(ConvnetConfig config) {
    return config.objective().equals("supervised");
  }

  @Override
  public String summary() {
    return "Nielsen's convnet (conv-pool-ReLU blocks, dropout, dense) trained with SGD/Adam on "
        + "DJL + PyTorch; softmax probabilities";
  }

  @Override
  public Class<ConvnetConfig> configType() {
    return ConvnetConfig.class;
  }

  @Override
  public ConvnetConfig defaults() {
    return ConvnetConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      ConvnetConfig config, ImageSet train, ImageSet validation, TrainContext context)
      throws IOException {
    ConvNet net = new ConvNet(config, train.shape(), context.classes());
    if (config.pretrains()) {
      return TrainedNet.fit(
          ID,
          net,
          architecture(config),
          config,
          Fitter.threads(config.pretraining().training(), context),
          train.shape(),
          context,
          manager -> new Pretrainer(net, config, manager, context).run(train));
    }
    if (config.objective().equals("fixmatch")) {
      return TrainedNet.fit(
          ID,
          net,
          architecture(config),
          config,
          Fitter.threads(config.training(), context),
          train.shape(),
          context,
          manager -> new FixMatch(net, config, manager, context).run(train));
    }
    return TrainedNet.fit(
        ID, net, architecture(config), config, config.training(), train, validation, context);
  }

  @Override
  public TrainedModel load(ConvnetConfig config, Path dir) throws IOException {
    return TrainedNet.load(
        ID,
        architecture(config),
        config,
        threads(config.training().threads()),
        dir,
        (shape, classes) -> new ConvNet(config, shape, classes));
  }

  /** What a saved model must agree on with the config that loads it. */
  static String architecture(ConvnetConfig c) {
    return "channels="
        + c.channels()
        + " kernels="
        + c.kernels()
        + " padding="
        + c.padding()
        + " pool="
        + c.pool()
        + " batchNorm="
        + c.batchNorm()
        + " dense="
        + c.dense()
        + " input=(x-"
        + c.inputMean()
        + ")/"
        + c.inputStd();
  }

  static int threads(int configured) {
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }
}
