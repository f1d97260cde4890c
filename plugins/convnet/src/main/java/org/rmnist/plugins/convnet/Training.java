package org.rmnist.plugins.convnet;

import org.rmnist.support.Checks;

/**
 * The training options both models share, validated with the config keys they come from.
 *
 * @param batchSize images per step; 0 = min(200, n) as scikit-learn's MLP
 * @param tol scikit-learn's stopping tolerance on the epoch's mean training loss
 * @param patience stop after this many epochs without a tol improvement; 0 = never stop early
 */
record Training(
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
    int threads,
    double tol,
    int patience) {

  Training(String optimizer, double lr, double momentum, boolean nesterov, double weightDecay,
      double beta1, double beta2, double epsilon, String schedule, int warmupEpochs, int epochs,
      int batchSize, boolean fixedBatches, int evalEvery, boolean keepBest, int threads) {
    this(optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2, epsilon, schedule,
        warmupEpochs, epochs, batchSize, fixedBatches, evalEvery, keepBest, threads, 0, 0);
  }

  /** Throws an {@link IllegalArgumentException} naming the first bad key. */
  static void check(Training t) {
    Checks.oneOf("optimizer", t.optimizer, ConvnetConfig.OPTIMIZERS);
    Checks.positive("lr", t.lr);
    Checks.range("lr", t.lr, 0, 100);
    if (!(t.momentum >= 0 && t.momentum < 1)) {
      throw new IllegalArgumentException("momentum: must be in [0, 1), got " + t.momentum);
    }
    if (t.momentum != 0 && !t.optimizer.equals("sgd")) {
      throw new IllegalArgumentException(
          "momentum: only optimizer sgd uses it, got " + t.momentum + " with " + t.optimizer);
    }
    if (t.nesterov && !(t.optimizer.equals("sgd") && t.momentum > 0)) {
      throw new IllegalArgumentException(
          "nesterov: needs optimizer sgd with momentum > 0, got " + t.optimizer + " with momentum "
              + t.momentum);
    }
    Checks.range("weightDecay", t.weightDecay, 0, 1);
    Checks.range("beta1", t.beta1, 0, 0.999999);
    Checks.range("beta2", t.beta2, 0, 0.999999);
    Checks.positive("epsilon", t.epsilon);
    Checks.oneOf("schedule", t.schedule, ConvnetConfig.SCHEDULES);
    Checks.range("epochs", t.epochs, 1, 100_000, "");
    Checks.range("warmupEpochs", t.warmupEpochs, 0, t.epochs - 1, " (below epochs)");
    Checks.range("batchSize", t.batchSize, 0, 65_536, " (0 = min(200, n))");
    Checks.range("evalEvery", t.evalEvery, 0, 100_000, " (0 = never)");
    if (t.keepBest && t.evalEvery == 0) {
      throw new IllegalArgumentException(
          "keepBest: needs validation evaluations (evalEvery >= 1), got evalEvery 0");
    }
    Checks.range("threads", t.threads, 0, 256, " (0 = the run's threads)");
    Checks.range("tol", t.tol, 0, 1e6);
    Checks.range("patience", t.patience, 0, 100_000, " (0 = never stop early)");
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
