package org.rmnist.api;

/**
 * An open feature extractor: images in, one vector of {@link #dimension()} floats per image out.
 */
public interface Featurizer extends AutoCloseable {

  /** Length of each feature vector. */
  int dimension();

  /** Features of every image, row-major: image {@code i} at {@code [i*dimension ..]}. */
  float[] extract(ImageSet images);

  /** Identifies (model hash, layer, preprocessing) so the host can cache features. */
  String cacheKey();

  @Override
  void close();
}
