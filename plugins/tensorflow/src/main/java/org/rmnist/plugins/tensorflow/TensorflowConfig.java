package org.rmnist.plugins.tensorflow;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.api.NetworkInput;
import org.rmnist.support.Checks;

/**
 * Config of {@code tensorflow}: which SavedModel, signature and output to use, and how digits are
 * turned into the model's input.
 *
 * @param path SavedModel folder, absolute or relative to a model root
 * @param signature signature key to run
 * @param input signature input key fed with the images; empty for the only input
 * @param output signature output key whose values are the features; empty for the only output
 * @param preprocess how digits become the model's input
 * @param batchSize images per session run
 */
public record TensorflowConfig(
    @Doc(
            "SavedModel folder (holding saved_model.pb and variables/): absolute, or relative to a "
                + "model root (roots tried in order; the working folder when there are none)")
        String path,
    @Doc("signature key to run (default serving_default)") String signature,
    @Doc("signature input key fed with the images; empty = the signature's only input")
        String input,
    @Doc(
            "signature output key whose values are the features, flattened per image; empty = the "
                + "signature's only output")
        String output,
    @Doc(
            "how digits become the model's input: size 1..1024 (default 28), channels 1 or 3 "
                + "(default 1), layout (default nhwc), resize (default bilinear, as tf.image.resize), "
                + "mean and std, finite (default 0 and 1: pixels as they are)")
        NetworkInput preprocess,
    @Doc("images per session run; 1..65536 (default 256)") int batchSize) {

  public TensorflowConfig {
    path = path == null ? "" : path;
    if (signature == null || signature.isBlank()) {
      throw new IllegalArgumentException(
          "signature: must name a signature of the SavedModel (e.g. serving_default), got '"
              + signature
              + "'");
    }
    input = input == null ? "" : input;
    output = output == null ? "" : output;
    if (preprocess == null) {
      throw new IllegalArgumentException(
          "preprocess: missing; give the model input's size, "
              + "channels, layout, resize, mean and std");
    }
    Checks.range("preprocess.size", preprocess.size(), 1, 1024);
    if (preprocess.channels() != 1 && preprocess.channels() != 3) {
      throw new IllegalArgumentException(
          "preprocess.channels: must be 1 or 3, got " + preprocess.channels());
    }
    Checks.perChannel("preprocess.mean", preprocess.mean(), preprocess.channels(), false);
    Checks.perChannel("preprocess.std", preprocess.std(), preprocess.channels(), true);
    Checks.range("batchSize", batchSize, 1, 65536);
  }

  /** No model yet; signature serving_default, the only input and output, 28 x 28 x 1 nhwc as is. */
  public static TensorflowConfig defaults() {
    return new TensorflowConfig(
        "",
        "serving_default",
        "",
        "",
        new NetworkInput(28, 1, "nhwc", "bilinear", List.of(0.0), List.of(1.0)),
        256);
  }

  /** Whether channels come first ({@code nchw}). */
  boolean channelsFirst() {
    return preprocess.layout().equals("nchw");
  }

  /** The mean of each channel. */
  float[] meanPerChannel() {
    return perChannel(preprocess.mean());
  }

  /** The standard deviation of each channel. */
  float[] stdPerChannel() {
    return perChannel(preprocess.std());
  }

  private float[] perChannel(List<Double> values) {
    float[] out = new float[preprocess.channels()];
    for (int c = 0; c < out.length; c++) {
      out[c] = values.get(values.size() == 1 ? 0 : c).floatValue();
    }
    return out;
  }
}
