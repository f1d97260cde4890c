package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code ladder}: the fully connected ladder network of Rasmus et al., "Semi-supervised
 * learning with ladder networks" (NeurIPS 2015), as their MNIST experiments: hidden layers 1000,
 * 500, 250, 250, 250; Gaussian noise of std 0.3 at every layer of the corrupted encoder; denoising
 * cost weights 1000, 10, 0.1, 0.1, 0.1, 0.1, 0.1 from the input up; Adam at 0.002 with batches of
 * 100 labelled and 100 unlabelled images, 150 epochs of the unlabelled images, the learning rate
 * falling linearly to zero over the last 50.
 */
public record LadderConfig(
    @Doc(
            "widths of the hidden layers (ReLU); 1..8 layers of 1..65536 (paper: [1000, 500, 250, 250, 250])")
        List<Integer> hidden,
    @Doc(
            "weight of each layer's denoising cost, from the input (first) to the output layer "
                + "(last): one value per layer, hidden layers + 2; >= 0 (paper: [1000, 10, 0.1, 0.1, "
                + "0.1, 0.1, 0.1])")
        List<Double> denoising,
    @Doc(
            "std of the Gaussian noise the corrupted encoder adds to the input and to every "
                + "layer's normalised pre-activation; (0, 10] (paper: 0.3)")
        double noise,
    @Doc("unlabelled images per step; an epoch is one pass over them; 1..65536 (paper: 100)")
        int unlabelledBatch,
    @Doc(
            "the learning rate falls linearly to zero over the last this many epochs (after "
                + "training's schedule); 0 = no decay; 0..epochs (paper: 50 of 150)")
        int decayEpochs,
    @Doc(
            "how it trains: optimiser and learning rate, epochs of the unlabelled images, batchSize "
                + "= labelled images per step (0 = min(200, n)), evalEvery (validation accuracy in "
                + "the curve), threads; keepBest and stopEarly are not available (paper: Adam at "
                + "0.002, 150 epochs, 100 labelled images per step)")
        Training training) {

  public LadderConfig {
    hidden = Checks.list("hidden", hidden, 1, 8);
    hidden.forEach(w -> Checks.range("hidden", w, 1, 65536, ""));
    denoising = Checks.finite("denoising", Checks.list("denoising", denoising, 1, 10));
    if (denoising.size() != hidden.size() + 2) {
      throw new IllegalArgumentException(
          "denoising: one weight per layer, the input and the output included: "
              + (hidden.size() + 2)
              + " for "
              + hidden.size()
              + " hidden layers, got "
              + denoising.size());
    }
    denoising.forEach(w -> Checks.range("denoising", w, 0, 1e6));
    if (!(noise > 0 && noise <= 10)) {
      throw new IllegalArgumentException("noise: must be in (0, 10], got " + noise);
    }
    Checks.range("unlabelledBatch", unlabelledBatch, 1, 65536, "");
    if (training == null) {
      throw new IllegalArgumentException("training: missing; give the training options");
    }
    Checks.range("decayEpochs", decayEpochs, 0, training.epochs(), " (up to training.epochs)");
    if (training.keepBest()) {
      throw new IllegalArgumentException(
          "training.keepBest: ladder trains to the end and keeps its last weights; set it false");
    }
    if (training.stopEarly()) {
      throw new IllegalArgumentException(
          "training.stopEarly: ladder trains for training.epochs; set it false");
    }
  }

  /** The paper's MNIST network and protocol; one thread (the only bit-reproducible count). */
  public static LadderConfig defaults() {
    return new LadderConfig(
        List.of(1000, 500, 250, 250, 250),
        List.of(1000.0, 10.0, 0.1, 0.1, 0.1, 0.1, 0.1),
        0.3,
        100,
        50,
        new Training(
            "adam",
            0.002,
            0,
            false,
            0,
            0.9,
            0.999,
            1e-8,
            "constant",
            0,
            150,
            100,
            false,
            0,
            false,
            1));
  }

  /** Widths of every layer, input (its pixels) first, {@code classes} last. */
  int[] widths(int inputs, int classes) {
    int[] w = new int[hidden.size() + 2];
    w[0] = inputs;
    for (int l = 0; l < hidden.size(); l++) {
      w[l + 1] = hidden.get(l);
    }
    w[w.length - 1] = classes;
    return w;
  }

  /** The learning rate of epoch {@code epoch} (0-based): training's, times the final decay. */
  double lrAt(int epoch) {
    double lr = training.lrAt(epoch);
    int left = training.epochs() - epoch;
    return decayEpochs > 0 && left < decayEpochs ? lr * left / decayEpochs : lr;
  }
}
