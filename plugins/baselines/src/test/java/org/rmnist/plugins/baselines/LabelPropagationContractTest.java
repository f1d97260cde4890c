package org.rmnist.plugins.baselines;

import org.rmnist.api.Model;
import org.rmnist.api.UnlabelledImages;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;
import org.rmnist.testkit.TestImages;

/** {@code label-propagation} keeps the model contract, with unlabelled blobs in its context. */
class LabelPropagationContractTest extends ModelContract<LabelPropagationConfig> {
  @Override
  protected Model<LabelPropagationConfig> model() {
    return new LabelPropagationModel();
  }

  @Override
  protected LabelPropagationConfig config() {
    return new LabelPropagationConfig(5, 0.9, 20, 40);
  }

  @Override
  protected UnlabelledImages unlabelled() {
    return UnlabelledImages.of(TestImages.blobs(classes(), 6, 9));
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("alpha", 1.0, "alpha: must be in (0, 1), got 1.0");
  }
}
