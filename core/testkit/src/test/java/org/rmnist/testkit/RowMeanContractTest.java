package org.rmnist.testkit;

import org.rmnist.api.FeatureExtractor;
import org.rmnist.testkit.samples.RowMeanExtractor;

/** The feature extractor contract passes on a small correct extractor. */
class RowMeanContractTest extends FeatureExtractorContract<RowMeanExtractor.Config> {
  @Override
  protected FeatureExtractor<RowMeanExtractor.Config> extractor() {
    return new RowMeanExtractor();
  }

  @Override
  protected RowMeanExtractor.Config config() {
    return new RowMeanExtractor.Config(2);
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("scale", -1, "scale: must be > 0, got -1.0");
  }
}
