package org.rmnist.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns images into feature vectors (a pretrained network's layer, say).
 *
 * @param <C> config record
 */
public interface FeatureExtractor<C extends Record> extends Component<C> {

  /** Opens the extractor; the caller closes it. */
  Featurizer open(C config, ExtractorContext context) throws IOException;

  /**
   * The tensors that {@code config}'s model could return as features, in graph order (for {@code
   * rmnist models layers}); empty when the extractor cannot tell.
   */
  default List<FeatureLayer> layers(C config, ExtractorContext context) throws IOException {
    return List.of();
  }

  /**
   * SHA-256 of the model {@code config} reads, as this extractor defines it (an {@code .onnx} file
   * with its external weights, a SavedModel's graph and variables), computed from the files
   * themselves. The host calls it once before training and makes the hash part of every run's
   * identity, so a changed or replaced model file makes new runs instead of reusing old results.
   * Empty (the default) when the extractor reads no model file. A default method: plugins built
   * before it was added keep loading.
   *
   * @throws IOException when the model file cannot be found or read, naming the places tried
   */
  default Optional<String> modelSha256(C config, ExtractorContext context) throws IOException {
    return Optional.empty();
  }
}
