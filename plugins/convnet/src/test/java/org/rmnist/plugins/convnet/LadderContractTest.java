package org.rmnist.plugins.convnet;

import java.util.List;
import java.util.Map;
import org.rmnist.api.Model;
import org.rmnist.api.UnlabelledImages;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.ModelContract;
import org.rmnist.testkit.TestImages;

/**
 * {@code ladder} keeps the model contract, trained briefly on tiny images and 60 unlabelled. One
 * libtorch thread, as its defaults: with two, the sums in the 784-wide decoder round differently in
 * the last bit (measured), and only one thread is bit-reproducible.
 */
class LadderContractTest extends ModelContract<LadderConfig> {
  static final Map<String, Object> FAST =
      Map.of(
          "hidden",
          List.of(16),
          "denoising",
          List.of(1.0, 1.0, 0.1),
          "unlabelledBatch",
          20,
          "decayEpochs",
          1,
          "training",
          Map.of("epochs", 2, "threads", 1, "batchSize", 10));

  static final BadParameter BAD =
      BadParameter.of(
          "denoising",
          List.of(1.0),
          "denoising: one weight per layer, the input and the output included: 7 for 5 hidden "
              + "layers, got 1");

  @Override
  protected Model<LadderConfig> model() {
    return new LadderModel();
  }

  @Override
  protected LadderConfig config() {
    return ConfigBinder.bind(model(), FAST, "test");
  }

  @Override
  protected UnlabelledImages unlabelled() {
    return UnlabelledImages.of(TestImages.blobs(classes(), 6, 9));
  }

  @Override
  protected BadParameter outOfRange() {
    return BAD;
  }
}
