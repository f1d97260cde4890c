package org.rmnist.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model that can write itself as an ONNX graph, so that it runs without rmnist (ONNX
 * Runtime from any language, or rmnist's own {@code onnx} feature extractor).
 *
 * <p>Conventions of the written graph: one input named {@value #INPUT}, float32, N x C x H x W,
 * holding pixels exactly as the model's training images held them (for MNIST: byte / 256; any
 * normalisation the model applies is inside the graph); the first output is {@value #LOGITS}
 * (N x classes, before softmax); a model with a pooled representation also outputs it as
 * {@value #FEATURES} (N x D). Opset 13.
 */
public interface OnnxExportable {

  /** Name of the graph's input. */
  String INPUT = "input";

  /** Name of the class-score output. */
  String LOGITS = "logits";

  /** Name of the pooled-features output, where the model has one. */
  String FEATURES = "features";

  /** The input shape one image takes (channels, height, width). */
  ImageShape onnxInputShape();

  /**
   * Writes the graph to {@code file} (replacing it).
   *
   * @return the names of the graph's outputs, {@value #LOGITS} first
   */
  List<String> exportOnnx(Path file) throws IOException;
}
