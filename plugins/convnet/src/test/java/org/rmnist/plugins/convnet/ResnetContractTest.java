package org.rmnist.plugins.convnet;

import java.util.List;
import java.util.Map;
import org.rmnist.api.Model;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/**
 * {@code resnet18} keeps the model contract, trained briefly on tiny images. The config is bound
 * from YAML-style parameters over the defaults, so only these names follow a change of the config's
 * layout.
 */
class ResnetContractTest extends ModelContract<ResnetConfig> {
  /**
   * A small, fast network. Its threads stay at the default, 1: with 0 (the context's count)
   * libtorch's parallel reductions make 1 and 2 threads differ (by a rounding step for convnet, by
   * far more for resnet18, whose Adam steps amplify it), so the thread contract would fail.
   */
  static final Map<String, Object> FAST =
      Map.of(
          "preprocess",
          Map.of("size", 16),
          "width",
          4,
          "blocks",
          List.of(1, 1, 1, 1),
          "training",
          Map.of("epochs", 1));

  /** A value out of range and the config's message for it. */
  static final BadParameter BAD =
      new BadParameter(
          Map.of("preprocess", Map.of("size", 4)), "preprocess.size: must be in [8, 512], got 4");

  @Override
  protected Model<ResnetConfig> model() {
    return new ResnetModel();
  }

  @Override
  protected ResnetConfig config() {
    return ConfigBinder.bind(model(), FAST, "test");
  }

  @Override
  protected BadParameter outOfRange() {
    return BAD;
  }
}
