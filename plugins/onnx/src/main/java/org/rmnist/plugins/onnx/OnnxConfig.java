package org.rmnist.plugins.onnx;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.api.NetworkInput;
import org.rmnist.support.Checks;

/**
 * Config of {@code onnx}: which model file and tensor to use, and how digits become the model's
 * input.
 *
 * @param path the .onnx file, absolute or relative to a model root
 * @param input graph input fed with the images; empty for the only one
 * @param layer tensor returned as features; empty for the graph's first output
 * @param preprocess how digits become the model's input
 * @param batchSize images per session run
 */
public record OnnxConfig(
    @Doc(
            "the .onnx model file: absolute, or relative to a model root (roots tried in order; "
                + "the working folder when there are none); external data files beside it")
        String path,
    @Doc(
            "graph input fed with the images; empty = the graph's only input (inputs backed by an "
                + "initializer do not count)")
        String input,
    @Doc(
            "tensor returned as features, flattened per image: a graph output or any node output "
                + "(see rmnist models layers); empty = the graph's first output")
        String layer,
    @Doc(
            "how digits become the model's input: size 1..4096 (default 224), channels 1..64 "
                + "(default 3), layout (default nchw), resize (default bilinear), mean and std, finite "
                + "(default ImageNet's)")
        NetworkInput preprocess,
    @Doc(
            "images per session run; a model with a fixed batch dimension gets exactly that many "
                + "(the last batch padded); 1..65536 (default 64)")
        int batchSize) {

  /** ImageNet's per-channel mean (torchvision's pretrained models). */
  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);

  /** ImageNet's per-channel standard deviation (torchvision's pretrained models). */
  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

  public OnnxConfig {
    path = path == null ? "" : path;
    input = input == null ? "" : input;
    layer = layer == null ? "" : layer;
    if (preprocess == null) {
      throw new IllegalArgumentException(
          "preprocess: missing; give the model input's size, "
              + "channels, layout, resize, mean and std");
    }
    Checks.range("preprocess.size", preprocess.size(), 1, 4096);
    Checks.range("preprocess.channels", preprocess.channels(), 1, 64);
    Checks.finite("preprocess.mean", preprocess.mean());
    Checks.finite("preprocess.std", preprocess.std());
    Checks.range("batchSize", batchSize, 1, 65536);
  }

  /** No model yet; the only input, the first output, 224 x 224 x 3 NCHW, ImageNet's statistics. */
  public static OnnxConfig defaults() {
    return new OnnxConfig(
        "", "", "", new NetworkInput(224, 3, "nchw", "bilinear", IMAGENET_MEAN, IMAGENET_STD), 64);
  }
}
