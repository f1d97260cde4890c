package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Model;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** {@code resnet18}: torchvision's ResNet-18 topology trained from scratch, DJL on PyTorch. */
@Extension
public final class ResnetModel implements Model<ResnetConfig> {
  static final String ID = "resnet18";

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
    return "torchvision's ResNet-18 (BasicBlocks, batch norm) trained from scratch with SGD/Adam "
        + "on DJL + PyTorch, grey images resized and copied to 3 channels; exports to ONNX";
  }

  @Override
  public Class<ResnetConfig> configType() {
    return ResnetConfig.class;
  }

  @Override
  public ResnetConfig defaults() {
    return ResnetConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      ResnetConfig config, ImageSet train, ImageSet validation, TrainContext context)
      throws IOException {
    check(config, train.shape());
    ResNet net = new ResNet(config, train.shape(), context.classes());
    return TrainedNet.fit(
        ID, net, architecture(config), config, config.training(), train, validation, context);
  }

  @Override
  public TrainedModel load(ResnetConfig config, Path dir) throws IOException {
    return TrainedNet.load(
        ID,
        architecture(config),
        config,
        ConvnetModel.threads(config.training().threads()),
        dir,
        (shape, classes) -> new ResNet(config, shape, classes));
  }

  /** The images must be grey, and no larger than {@code size} when they are padded. */
  static void check(ResnetConfig c, ImageShape image) {
    if (image.channels() != 1) {
      throw new IllegalArgumentException(ID + " takes grey images (1 channel), got " + image);
    }
    NetworkInput in = c.preprocess();
    if (in.resize().equals("pad") && (in.size() < image.height() || in.size() < image.width())) {
      throw new IllegalArgumentException(
          "size: resize pad needs size >= the images' side, got "
              + in.size()
              + " for images of "
              + image);
    }
  }

  /** What a saved model must agree on with the config that loads it. */
  static String architecture(ResnetConfig c) {
    NetworkInput in = c.preprocess();
    return "size="
        + in.size()
        + " resize="
        + in.resize()
        + " mean="
        + in.mean()
        + " std="
        + in.std()
        + " width="
        + c.width()
        + " blocks="
        + c.blocks();
  }
}
