package org.rmnist.plugins.convnet;

import java.util.Map;
import org.rmnist.api.Model;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/** {@code dc-convnet} keeps the model contract, narrow and briefly trained. */
class DcContractTest extends ModelContract<DcConfig> {
  @Override
  protected Model<DcConfig> model() {
    return new DcModel();
  }

  @Override
  protected DcConfig config() {
    return ConfigBinder.bind(
        model(), Map.of("width", 8, "training", Map.of("epochs", 2, "batchSize", 16)), "test");
  }

  @Override
  protected BadParameter outOfRange() {
    return new BadParameter(Map.of("depth", 7), "depth: must be in [1, 6], got 7");
  }
}
