package org.rmnist.plugins.convnet;

import java.util.List;
import java.util.Map;
import org.rmnist.api.Model;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/**
 * {@code convnet} keeps the model contract, trained briefly on tiny images. The config is bound
 * from YAML-style parameters over the defaults, so only these names follow a change of the config's
 * layout.
 */
class ConvnetContractTest extends ModelContract<ConvnetConfig> {
  /**
   * A small, fast network. Its threads stay at the default, 1: with 0 (the context's count)
   * libtorch's parallel reductions make 1 and 2 threads differ (by a rounding step for convnet, by
   * far more for resnet18, whose Adam steps amplify it), so the thread contract would fail.
   */
  static final Map<String, Object> FAST =
      Map.of("channels", List.of(4, 8), "dense", List.of(16), "training", Map.of("epochs", 2));

  /** A value out of range and the config's message for it. */
  static final BadParameter BAD =
      BadParameter.of("dropout", 1.5, "dropout: must be in [0, 1), got 1.5");

  @Override
  protected Model<ConvnetConfig> model() {
    return new ConvnetModel();
  }

  @Override
  protected ConvnetConfig config() {
    return ConfigBinder.bind(model(), FAST, "test");
  }

  @Override
  protected BadParameter outOfRange() {
    return BAD;
  }
}
