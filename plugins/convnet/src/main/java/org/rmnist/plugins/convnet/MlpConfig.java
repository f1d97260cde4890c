package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code mlp}: scikit-learn's {@code MLPClassifier(hidden_layer_sizes=(500, 100),
 * alpha=1)} as in Nielsen's baselines (ReLU, Adam 0.001 with β = (0.9, 0.999), batch min(200, n),
 * up to 200 epochs, reshuffled every epoch, stop when the training loss stalls).
 */
public record MlpConfig(
    @Doc("widths of the hidden layers (ReLU); 0..8 layers of 1..65536 (Nielsen: [500, 100])")
        List<Integer> hidden,
    @Doc(
            "L2 penalty as scikit-learn: loss = mean cross-entropy + alpha/(2*batch)*sum of squared "
                + "weights (biases excluded); [0, 1e6] (Nielsen: 1)")
        double alpha,
    @Doc(
            "how it trains (scikit-learn: Adam at 0.001, batch min(200, n), up to 200 epochs, "
                + "reshuffled every epoch, stopping early)")
        Training training) {

  public MlpConfig {
    hidden = Checks.list("hidden", hidden, 0, 8);
    hidden.forEach(w -> Checks.range("hidden", w, 1, 65536, ""));
    Checks.range("alpha", alpha, 0, 1e6);
    if (training == null) {
      throw new IllegalArgumentException("training: missing; give the training options");
    }
  }

  /** scikit-learn's MLPClassifier defaults with Nielsen's hidden sizes and alpha. */
  public static MlpConfig defaults() {
    return new MlpConfig(
        List.of(500, 100),
        1.0,
        new Training(
            "adam",
            0.001,
            0,
            false,
            0,
            0.9,
            0.999,
            1e-8,
            "constant",
            0,
            200,
            0,
            false,
            0,
            false,
            1,
            true,
            1e-4,
            10));
  }
}
