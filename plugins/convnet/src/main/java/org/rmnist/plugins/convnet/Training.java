package org.rmnist.plugins.convnet;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * How a network trains, the parameter group {@code training} of {@code convnet}, {@code resnet18}
 * and {@code mlp}: optimiser, learning rate and its schedule, epochs, batches, validation
 * evaluations and early stopping. Every model gives its own defaults.
 */
public record Training(
    @Doc("sgd or adam") String optimizer,
    @Doc("base learning rate; > 0 and <= 100 (Nielsen: 0.1 on RMNIST, 0.01 on MNIST)") double lr,
    @Doc("SGD momentum as PyTorch's (buf = m*buf + g; w -= lr*buf); [0, 1); sgd only")
        double momentum,
    @Doc("Nesterov momentum (sgd with momentum > 0 only)") boolean nesterov,
    @Doc(
            "L2 weight decay added to every gradient, batch-norm parameters included (PyTorch's "
                + "weight_decay); [0, 1]")
        double weightDecay,
    @Doc("Adam's beta1; [0, 1)") double beta1,
    @Doc("Adam's beta2; [0, 1)") double beta2,
    @Doc("Adam's epsilon; > 0") double epsilon,
    @Doc(
            "learning rate per epoch e = 1..epochs: nielsen = lr*0.8^(floor(e/10)+1) (his script); "
                + "constant; cosine = lr*(1+cos(pi*(e-1-warmup)/(epochs-warmup)))/2")
        String schedule,
    @Doc("epochs of linear warm-up (lr*e/warmupEpochs) before the schedule; 0..epochs-1")
        int warmupEpochs,
    @Doc(
            "training epochs (the most, when stopping early); 1..100000 (Nielsen: 500 / 400 / 200 / "
                + "100 for N = 1 / 5 / 10 / all)")
        int epochs,
    @Doc("images per step; 0 = min(200, n) as scikit-learn; 0..65536") int batchSize,
    @Doc(
            "true: shuffle once and reuse the same batches in the same order every epoch (Nielsen's "
                + "list(train_loader)); false: reshuffle every epoch")
        boolean fixedBatches,
    @Doc(
            "evaluate on the validation set every k epochs and after the last (curve.csv, facts); "
                + "0 = never; 0..100000")
        int evalEvery,
    @Doc(
            "restore the parameters of the best validation epoch (selection on validation: reported "
                + "in facts); needs evalEvery >= 1")
        boolean keepBest,
    @Doc(
            "libtorch intra-op threads while training and predicting (process-wide); 0 = the run's "
                + "thread count; 0..256. 1 measured fastest for these small nets on a busy machine, "
                + "and only 1 is bit-reproducible: libtorch's parallel sums round differently")
        int threads,
    @Doc(
            "stop once the epoch's mean training loss has not improved by tol for patience epochs "
                + "in a row (scikit-learn's MLPClassifier rule)")
        boolean stopEarly,
    @Doc("improvement the training loss must make (stopEarly); >= 0 (scikit-learn: 1e-4)")
        double tol,
    @Doc("epochs without improvement before stopping (stopEarly); 1..100000 (scikit-learn: 10)")
        int patience) {

  public Training {
    Checks.oneOf("optimizer", optimizer, ConvnetConfig.OPTIMIZERS);
    Checks.positive("lr", lr);
    Checks.range("lr", lr, 0, 100);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum: must be in [0, 1), got " + momentum);
    }
    if (momentum != 0 && !optimizer.equals("sgd")) {
      throw new IllegalArgumentException(
          "momentum: only optimizer sgd uses it, got " + momentum + " with " + optimizer);
    }
    if (nesterov && !(optimizer.equals("sgd") && momentum > 0)) {
      throw new IllegalArgumentException(
          "nesterov: needs optimizer sgd with momentum > 0, got "
              + optimizer
              + " with momentum "
              + momentum);
    }
    Checks.range("weightDecay", weightDecay, 0, 1);
    Checks.range("beta1", beta1, 0, 0.999999);
    Checks.range("beta2", beta2, 0, 0.999999);
    Checks.positive("epsilon", epsilon);
    Checks.oneOf("schedule", schedule, ConvnetConfig.SCHEDULES);
    Checks.range("epochs", epochs, 1, 100_000, "");
    Checks.range("warmupEpochs", warmupEpochs, 0, epochs - 1, " (below epochs)");
    Checks.range("batchSize", batchSize, 0, 65_536, " (0 = min(200, n))");
    Checks.range("evalEvery", evalEvery, 0, 100_000, " (0 = never)");
    if (keepBest && evalEvery == 0) {
      throw new IllegalArgumentException(
          "keepBest: needs validation evaluations (evalEvery >= 1), got evalEvery 0");
    }
    Checks.range("threads", threads, 0, 256, " (0 = the run's threads)");
    Checks.range("tol", tol, 0, 1e6);
    Checks.range("patience", patience, 1, 100_000, "");
  }

  /** These options without early stopping (tol 1e-4 and patience 10 kept for when it is on). */
  Training(
      String optimizer,
      double lr,
      double momentum,
      boolean nesterov,
      double weightDecay,
      double beta1,
      double beta2,
      double epsilon,
      String schedule,
      int warmupEpochs,
      int epochs,
      int batchSize,
      boolean fixedBatches,
      int evalEvery,
      boolean keepBest,
      int threads) {
    this(
        optimizer,
        lr,
        momentum,
        nesterov,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        schedule,
        warmupEpochs,
        epochs,
        batchSize,
        fixedBatches,
        evalEvery,
        keepBest,
        threads,
        false,
        1e-4,
        10);
  }

  /** Epochs without improvement before stopping, or 0 when training never stops early. */
  int stopPatience() {
    return stopEarly ? patience : 0;
  }

  /** Images per step for a training set of {@code n}. */
  int batchFor(int n) {
    return batchSize == 0 ? Math.min(200, n) : Math.min(batchSize, n);
  }

  /**
   * The learning rate of epoch {@code epoch} (0-based). Epochs are numbered from 1 in the formulas,
   * as in Nielsen's script ({@code for epoch in range(1, epochs + 1)}, Python 2 integer division).
   */
  double lrAt(int epoch) {
    int e = epoch + 1;
    if (e <= warmupEpochs) {
      return lr * e / warmupEpochs;
    }
    return switch (schedule) {
      case "nielsen" -> lr * Math.pow(0.8, e / 10 + 1);
      case "cosine" ->
          lr * 0.5 * (1 + Math.cos(Math.PI * (e - 1 - warmupEpochs) / (epochs - warmupEpochs)));
      default -> lr;
    };
  }
}
