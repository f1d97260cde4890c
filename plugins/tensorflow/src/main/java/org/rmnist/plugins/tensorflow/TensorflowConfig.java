package org.rmnist.plugins.tensorflow;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code tensorflow}: which SavedModel, signature and output to use, and how digits are
 * turned into the model's input.
 *
 * @param path SavedModel folder, absolute or relative to a model root
 * @param signature signature key to run
 * @param input signature input key fed with the images; empty for the only input
 * @param output signature output key whose values are the features; empty for the only output
 * @param size model input side in pixels
 * @param channels model input channels, 1 or 3
 * @param layout {@code nhwc} or {@code nchw}
 * @param mean per-channel (or single) mean subtracted from pixels in [0, 1]
 * @param std per-channel (or single) divisor applied after the mean
 * @param batchSize images per session run
 */
public record TensorflowConfig(
    @Doc("SavedModel folder (holding saved_model.pb and variables/): absolute, or relative to a "
            + "model root (roots tried in order; the working folder when there are none)")
        String path,
    @Doc("signature key to run (default serving_default)") String signature,
    @Doc("signature input key fed with the images; empty = the signature's only input")
        String input,
    @Doc("signature output key whose values are the features, flattened per image; empty = the "
            + "signature's only output")
        String output,
    @Doc("model input side in pixels; digits are resized bilinearly (half-pixel centres, no "
            + "antialiasing) when their side differs; 1..1024 (default 28)")
        int size,
    @Doc("model input channels, 1 or 3: the grey image is copied to every channel")
        int channels,
    @Doc("nhwc = [batch, height, width, channels] (default) or nchw = [batch, channels, height, "
            + "width]")
        String layout,
    @Doc("subtracted from pixels (already in [0, 1]): one value or one per channel; finite")
        List<Double> mean,
    @Doc("divides (pixel - mean): one value or one per channel; finite, > 0") List<Double> std,
    @Doc("images per session run; 1..65536 (default 256)") int batchSize) {

  /** The layouts this extractor writes. */
  public static final List<String> LAYOUTS = List.of("nhwc", "nchw");

  public TensorflowConfig {
    path = path == null ? "" : path;
    if (signature == null || signature.isBlank()) {
      throw new IllegalArgumentException(
          "signature: must name a signature of the SavedModel (e.g. serving_default), got '"
              + signature + "'");
    }
    input = input == null ? "" : input;
    output = output == null ? "" : output;
    Checks.range("size", size, 1, 1024);
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels: must be 1 or 3, got " + channels);
    }
    Checks.oneOf("layout", layout, LAYOUTS);
    mean = Checks.perChannel("mean", mean, channels, false);
    std = Checks.perChannel("std", std, channels, true);
    Checks.range("batchSize", batchSize, 1, 65536);
  }

  /** No model yet; signature serving_default, the only input and output, 28 x 28 x 1 nhwc as is. */
  public static TensorflowConfig defaults() {
    return new TensorflowConfig(
        "", "serving_default", "", "", 28, 1, "nhwc", List.of(0.0), List.of(1.0), 256);
  }

  /** How grey digits become this model's input (bilinear resize, as tf.image.resize). */
  org.rmnist.api.NetworkInput networkInput() {
    return new org.rmnist.api.NetworkInput(size, channels, layout, "bilinear", mean, std);
  }

  /** Whether channels come first ({@code nchw}). */
  boolean channelsFirst() {
    return layout.equals("nchw");
  }

  /** The mean of each channel. */
  float[] meanPerChannel() {
    return perChannel(mean);
  }

  /** The standard deviation of each channel. */
  float[] stdPerChannel() {
    return perChannel(std);
  }

  private float[] perChannel(List<Double> values) {
    float[] out = new float[channels];
    for (int c = 0; c < channels; c++) {
      out[c] = values.get(values.size() == 1 ? 0 : c).floatValue();
    }
    return out;
  }
}
