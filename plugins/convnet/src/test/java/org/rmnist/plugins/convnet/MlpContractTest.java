package org.rmnist.plugins.convnet;

import java.util.List;
import java.util.Map;
import org.rmnist.api.Model;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;

/**
 * {@code mlp} keeps the model contract, trained briefly on tiny images. The config is bound from
 * YAML-style parameters over the defaults, so only these names follow a change of the config's
 * layout.
 */
class MlpContractTest extends ModelContract<MlpConfig> {
  /** A small, fast network; threads 0 lets the context's thread count rule. */
  static final Map<String, Object> FAST =
      Map.of("hidden", List.of(16), "training", Map.of("epochs", 3, "threads", 0));

  /** A value out of range and the config's message for it. */
  static final BadParameter BAD =
      BadParameter.of("hidden", List.of(0), "hidden: must be in [1, 65536], got 0");

  @Override
  protected Model<MlpConfig> model() {
    return new MlpModel();
  }

  @Override
  protected MlpConfig config() {
    return ConfigBinder.bind(model(), FAST, "test");
  }

  @Override
  protected BadParameter outOfRange() {
    return BAD;
  }
}
