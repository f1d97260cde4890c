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
 * @param size model input side in pixels
 * @param channels model input channels (the grey value is copied to each)
 * @param layout {@code nchw} or {@code nhwc}
 * @param resize {@code bilinear}, {@code nearest} or {@code pad}
 * @param mean per-channel (or single) mean subtracted from pixels in [0, 1]
 * @param std per-channel (or single) divisor applied after the mean
 * @param batchSize images per session run
 */
public record OnnxConfig(
    @Doc("the .onnx model file: absolute, or relative to a model root (roots tried in order; "
            + "the working folder when there are none); external data files beside it")
        String path,
    @Doc("graph input fed with the images; empty = the graph's only input (inputs backed by an "
            + "initializer do not count)")
        String input,
    @Doc("tensor returned as features, flattened per image: a graph output or any node output "
            + "(see rmnist models layers); empty = the graph's first output")
        String layer,
    @Doc("model input side in pixels; digits are resized to size x size; 1..4096 (default 224)")
        int size,
    @Doc("model input channels: the grey value is copied to each; 1..64 (default 3)")
        int channels,
    @Doc("nchw = [batch, channels, height, width] (default) or nhwc = [batch, height, width, "
            + "channels]")
        String layout,
    @Doc("bilinear (default; half-pixel centres, no antialiasing), nearest, or pad (centre the "
            + "digit on a zero background, size >= the digit's)")
        String resize,
    @Doc("subtracted from pixels (in [0, 1]) after resizing: one value or one per channel; "
            + "finite (default ImageNet's [0.485, 0.456, 0.406])")
        List<Double> mean,
    @Doc("divides (pixel - mean): one value or one per channel; finite, > 0 (default ImageNet's "
            + "[0.229, 0.224, 0.225])")
        List<Double> std,
    @Doc("images per session run; a model with a fixed batch dimension gets exactly that many "
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
    Checks.range("size", size, 1, 4096);
    Checks.range("channels", channels, 1, 64);
    Checks.finite("mean", mean);
    Checks.finite("std", std);
    NetworkInput checked = new NetworkInput(size, channels, layout, resize, mean, std);
    mean = checked.mean();
    std = checked.std();
    Checks.range("batchSize", batchSize, 1, 65536);
  }

  /** No model yet; the only input, the first output, 224 x 224 x 3 NCHW, ImageNet's statistics. */
  public static OnnxConfig defaults() {
    return new OnnxConfig(
        "", "", "", 224, 3, "nchw", "bilinear", IMAGENET_MEAN, IMAGENET_STD, 64);
  }

  /** The conversion of grey digits to the model's input. */
  public NetworkInput networkInput() {
    return new NetworkInput(size, channels, layout, resize, mean, std);
  }
}
