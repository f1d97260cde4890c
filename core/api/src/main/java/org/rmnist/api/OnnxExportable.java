package org.rmnist.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model that can write itself as an ONNX graph, so that it runs without rmnist (ONNX
 * Runtime from any language, or rmnist's own {@code onnx} feature extractor).
 *
 * <p>Conventions of the written graph: one input named {@value #INPUT}, float32, N x C x H x W,
 * holding what {@link #onnxInput()} makes of grey images (a small convnet takes the pixels as they
 * are and normalises inside the graph; an ImageNet-style network takes resized, 3-channel,
 * normalised images, as the ONNX model zoo's do); the first output is {@value #LOGITS} (N x
 * classes, before softmax); a model with a pooled representation also outputs it as {@value
 * #FEATURES} (N x D). Opset 13.
 */
public interface OnnxExportable {

  /** Name of the graph's input. */
  String INPUT = "input";

  /** Name of the class-score output. */
  String LOGITS = "logits";

  /** Name of the pooled-features output, where the model has one. */
  String FEATURES = "features";

  /** How grey images become the graph's input (size, channels, layout nchw, resize, mean, std). */
  NetworkInput onnxInput();

  /**
   * Writes the graph to {@code file} (replacing it).
   *
   * @return the names of the graph's outputs, {@value #LOGITS} first
   */
  List<String> exportOnnx(Path file) throws IOException;
}
