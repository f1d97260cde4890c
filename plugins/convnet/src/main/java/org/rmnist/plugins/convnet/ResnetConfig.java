package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.api.NetworkInput;
import org.rmnist.support.Checks;

/**
 * Config of {@code resnet18}: torchvision's ResNet-18 topology trained from scratch on grey images
 * resized to {@code size} and copied to three ImageNet-normalised channels; SGD with momentum 0.9,
 * weight decay 5e-4 and a cosine schedule at batch 128 (the usual CIFAR recipe).
 */
public record ResnetConfig(
    @Doc(
            "how grey images become the network's input: resized to size x size (8..512; "
                + "torchvision: 224, 32 suits 28-px images), copied to 3 channels (nchw), normalised "
                + "with mean (-10..10) and std (ImageNet's by default)")
        NetworkInput preprocess,
    @Doc(
            "channels of the stem and the first stage; every later stage doubles them; 1..1024 "
                + "(ResNet-18: 64)")
        int width,
    @Doc(
            "BasicBlocks per stage; its length is the number of stages (the last has width*2^"
                + "(stages-1) <= 8192 channels); 1..8 stages of 1..64 (ResNet-18: [2, 2, 2, 2], "
                + "ResNet-34: [3, 4, 6, 3])")
        List<Integer> blocks,
    @Doc(
            "how it trains (the CIFAR recipe: SGD 0.1 with momentum 0.9, weight decay 5e-4, cosine, "
                + "batch 128, 30 epochs)")
        Training training) {

  /** ImageNet's channel means, as torchvision's pretrained models expect. */
  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);

  /** ImageNet's channel standard deviations. */
  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

  /** The most channels the last stage may have. */
  static final int MAX_CHANNELS = 8192;

  public ResnetConfig {
    if (preprocess == null) {
      throw new IllegalArgumentException("preprocess: missing; give the input's size, mean, std");
    }
    Checks.range("preprocess.size", preprocess.size(), 8, 512, "");
    if (preprocess.channels() != 3) {
      throw new IllegalArgumentException(
          "preprocess.channels: must be 3 (ResNet's stem takes "
              + "3 channels, the grey value copied to each), got "
              + preprocess.channels());
    }
    if (!preprocess.layout().equals("nchw")) {
      throw new IllegalArgumentException(
          "preprocess.layout: must be nchw (the network is laid "
              + "out channels first), got "
              + preprocess.layout());
    }
    preprocess.mean().forEach(m -> Checks.range("preprocess.mean", m, -10, 10));
    Checks.range("width", width, 1, 1024, "");
    blocks = Checks.list("blocks", blocks, 1, 8);
    blocks.forEach(b -> Checks.range("blocks", b, 1, 64, ""));
    long last = (long) width << (blocks.size() - 1);
    if (last > MAX_CHANNELS) {
      throw new IllegalArgumentException(
          "width: "
              + width
              + " with "
              + blocks.size()
              + " stages gives the last stage width*2^"
              + (blocks.size() - 1)
              + " = "
              + last
              + " channels, at most "
              + MAX_CHANNELS
              + " allowed");
    }
    if (training == null) {
      throw new IllegalArgumentException("training: missing; give the training options");
    }
  }

  /** ResNet-18 at 32 x 32, ImageNet's normalisation; SGD 0.1, momentum 0.9, cosine, 30 epochs. */
  public static ResnetConfig defaults() {
    return new ResnetConfig(
        imagenet(32),
        64,
        List.of(2, 2, 2, 2),
        new Training(
            "sgd", 0.1, 0.9, false, 5e-4, 0.9, 0.999, 1e-8, "cosine", 0, 30, 128, false, 0, false,
            1));
  }

  /** Input of side {@code size}, bilinear resize, three channels with ImageNet's statistics. */
  public static NetworkInput imagenet(int size) {
    return new NetworkInput(size, 3, "nchw", "bilinear", IMAGENET_MEAN, IMAGENET_STD);
  }

  /** How grey images become the network's (and its ONNX graph's) input. */
  NetworkInput networkInput() {
    return preprocess;
  }
}
