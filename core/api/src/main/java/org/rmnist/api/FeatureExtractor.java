package org.rmnist.api;

import java.io.IOException;

/**
 * Turns images into feature vectors (a pretrained network's layer, say).
 *
 * @param <C> config record
 */
public interface FeatureExtractor<C extends Record> extends Component<C> {

  /** Opens the extractor; the caller closes it. */
  Featurizer open(C config, ExtractorContext context) throws IOException;
}
