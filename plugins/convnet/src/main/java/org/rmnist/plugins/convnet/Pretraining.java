package org.rmnist.plugins.convnet;

import org.rmnist.api.Doc;
import org.rmnist.api.Since;
import org.rmnist.support.Checks;

/**
 * How {@code convnet} pretrains without labels (its {@code objective} autoencoder, denoising or
 * simclr), the parameter group {@code pretraining}: the optimiser over the unlabelled images, the
 * denoising corruption, the contrastive loss's temperature and projection, and the linear probe
 * fitted on the labelled images afterwards.
 */
public record Pretraining(
    @Doc(
            "how the autoencoder trains on the unlabelled images (epochs over them, batch, "
                + "optimizer, rate, schedule)")
        Training training,
    @Doc(
            "denoising only: probability that an input pixel is set to 0 (masking noise; the target "
                + "stays the clean image); [0, 1)")
        double noise,
    @Since("issue 12 (simclr)")
        @Doc("simclr only: temperature of the NT-Xent loss; (0, 10] (SimCLR: 0.1 to 0.5)")
        double temperature,
    @Since("issue 12 (simclr)")
        @Doc("simclr only: output width of the projection head (code → code → width); 1..4096")
        int projection,
    @Doc(
            "full-batch Adam steps of the linear probe (the output layer, on the labelled images' "
                + "codes, the encoder frozen); 1..100000")
        int probeSteps,
    @Doc("the probe's Adam learning rate; > 0") double probeLr,
    @Doc("the probe's L2 penalty on its weights (mean loss + decay/2 * |W|^2); >= 0")
        double probeDecay) {

  public Pretraining {
    if (training == null) {
      throw new IllegalArgumentException("pretraining.training: missing; give the options");
    }
    if (!(noise >= 0 && noise < 1)) {
      throw new IllegalArgumentException("pretraining.noise: must be in [0, 1), got " + noise);
    }
    if (!(temperature > 0 && temperature <= 10)) {
      throw new IllegalArgumentException(
          "pretraining.temperature: must be in (0, 10], got " + temperature);
    }
    Checks.range("pretraining.projection", projection, 1, 4096, "");
    Checks.range("pretraining.probeSteps", probeSteps, 1, 100_000, "");
    Checks.positive("pretraining.probeLr", probeLr);
    Checks.range("pretraining.probeDecay", probeDecay, 0, 1e6);
  }

  /**
   * Adam at 0.002 with cosine decay over 5 epochs of batches of 128; noise 0.3; probe 500 steps.
   */
  static Pretraining defaults() {
    return new Pretraining(
        new Training(
            "adam", 0.002, 0, false, 0, 0.9, 0.999, 1e-8, "cosine", 0, 5, 128, false, 0, false, 1),
        0.3,
        0.5,
        64,
        500,
        0.01,
        0.001);
  }
}
