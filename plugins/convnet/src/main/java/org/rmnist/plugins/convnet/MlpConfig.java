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
    @Doc("L2 penalty as scikit-learn: loss = mean cross-entropy + alpha/(2*batch)*sum of squared "
            + "weights (biases excluded); [0, 1e6] (Nielsen: 1)")
        double alpha,
    @Doc("sgd or adam (scikit-learn's default: adam)") String optimizer,
    @Doc("learning rate; > 0 (scikit-learn: 0.001)") double lr,
    @Doc("Adam's beta1; [0, 1)") double beta1,
    @Doc("Adam's beta2; [0, 1)") double beta2,
    @Doc("Adam's epsilon; > 0 (scikit-learn: 1e-8)") double epsilon,
    @Doc("images per step; 0 = min(200, n) as scikit-learn; 0..65536") int batchSize,
    @Doc("maximum epochs (scikit-learn's max_iter); 1..100000") int epochs,
    @Doc("stop once the epoch's mean training loss has not improved by tol for patience epochs "
            + "in a row (scikit-learn's rule)")
        boolean stopEarly,
    @Doc("improvement the training loss must make; >= 0 (scikit-learn: 1e-4)") double tol,
    @Doc("epochs without improvement before stopping; 1..100000 (scikit-learn: 10)") int patience,
    @Doc("evaluate on the validation set every k epochs and after the last (curve.csv, facts); "
            + "0 = never")
        int evalEvery,
    @Doc("libtorch intra-op threads (process-wide); 0 = the run's thread count; 1..256")
        int threads) {

  public MlpConfig {
    hidden = Checks.list("hidden", hidden, 0, 8);
    hidden.forEach(w -> Checks.range("hidden", w, 1, 65536, ""));
    Checks.range("alpha", alpha, 0, 1e6);
    Checks.range("patience", patience, 1, 100_000, "");
    Training.check(training(optimizer, lr, beta1, beta2, epsilon, batchSize, epochs, stopEarly,
        tol, patience, evalEvery, threads));
  }

  /** scikit-learn's MLPClassifier defaults with Nielsen's hidden sizes and alpha. */
  public static MlpConfig defaults() {
    return new MlpConfig(List.of(500, 100), 1.0, "adam", 0.001, 0.9, 0.999, 1e-8, 0, 200, true,
        1e-4, 10, 0, 1);
  }

  /** The training options of this config. */
  Training training() {
    return training(optimizer, lr, beta1, beta2, epsilon, batchSize, epochs, stopEarly, tol,
        patience, evalEvery, threads);
  }

  private static Training training(String optimizer, double lr, double beta1, double beta2,
      double epsilon, int batchSize, int epochs, boolean stopEarly, double tol, int patience,
      int evalEvery, int threads) {
    return new Training(optimizer, lr, 0, false, 0, beta1, beta2, epsilon, "constant", 0, epochs,
        batchSize, false, evalEvery, false, threads, tol, stopEarly ? patience : 0);
  }
}
