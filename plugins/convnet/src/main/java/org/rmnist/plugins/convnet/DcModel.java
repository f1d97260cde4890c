package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/**
 * {@code dc-convnet}: the ConvNet the dataset-distillation papers (DC, DSA, DM, FRePo, RFAD)
 * evaluate their synthetic sets with, DJL on PyTorch; no ONNX export.
 */
@Extension
public final class DcModel implements Model<DcConfig> {
  static final String ID = "dc-convnet";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String summary() {
    return "the dataset-distillation ConvNet (3x3 conv, instance norm, ReLU, average pooling; "
        + "width 128, depth 3) trained with SGD on DJL + PyTorch";
  }

  @Override
  public Class<DcConfig> configType() {
    return DcConfig.class;
  }

  @Override
  public DcConfig defaults() {
    return DcConfig.defaults();
  }

  /** Its cross-entropy targets are a built set's soft labels when it has them. */
  @Override
  public boolean softLabels(DcConfig config) {
    return true;
  }

  @Override
  public TrainedModel fit(
      DcConfig config, ImageSet train, ImageSet validation, TrainContext context)
      throws IOException {
    DcConvNet net = new DcConvNet(config, train.shape(), context.classes());
    return TrainedNet.fit(
        ID, net, architecture(config), config, config.training(), train, validation, context);
  }

  @Override
  public TrainedModel load(DcConfig config, Path dir) throws IOException {
    return TrainedNet.load(
        ID,
        architecture(config),
        config,
        ConvnetModel.threads(config.training().threads()),
        dir,
        (shape, classes) -> new DcConvNet(config, shape, classes));
  }

  /** What a saved model must agree on with the config that loads it. */
  static String architecture(DcConfig c) {
    return "width="
        + c.width()
        + " depth="
        + c.depth()
        + " norm="
        + c.norm()
        + " pool="
        + c.pool()
        + " input=(x-"
        + c.inputMean()
        + ")/"
        + c.inputStd();
  }
}
