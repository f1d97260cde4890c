package org.rmnist.api;

import java.io.IOException;
import java.util.List;

/**
 * Turns images into feature vectors (a pretrained network's layer, say).
 *
 * @param <C> config record
 */
public interface FeatureExtractor<C extends Record> extends Component<C> {

  /** Opens the extractor; the caller closes it. */
  Featurizer open(C config, ExtractorContext context) throws IOException;

  /**
   * The tensors that {@code config}'s model could return as features, in graph order (for
   * {@code rmnist models layers}); empty when the extractor cannot tell.
   */
  default List<FeatureLayer> layers(C config, ExtractorContext context)
      throws IOException {
    return List.of();
  }
}
