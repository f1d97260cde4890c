package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.api.Since;
import org.rmnist.support.Checks;

/**
 * Config of {@code convnet}. The defaults are Nielsen's network and protocol for RMNIST/10 (conv
 * 1→10 k5, max-pool 2, ReLU; conv 10→20 k5, Dropout2d 0.5, max-pool 2, ReLU; linear →50, ReLU,
 * dropout 0.5; linear →classes; plain SGD at 0.1 with his schedule, batch 10, 200 epochs, the same
 * batches every epoch).
 */
public record ConvnetConfig(
    @Doc("output channels of each conv block; its length is the depth; 1..16 blocks of 1..4096")
        List<Integer> channels,
    @Doc("kernel size per conv block (one value for all, or one per block); 1..31")
        List<Integer> kernels,
    @Doc("zero padding per conv block (one value or one per block); 0..15; 2 keeps k5 sizes")
        List<Integer> padding,
    @Doc("max-pool size (= stride) per conv block (one value or one per block); 1 = none; 1..8")
        List<Integer> pool,
    @Doc("batch norm after every conv and hidden linear layer (PyTorch's momentum 0.1, eps 1e-5)")
        boolean batchNorm,
    @Doc(
            "channel dropout (Dropout2d) probability per conv block, one value or one per block; "
                + "[0, 1) (Nielsen: 0 then 0.5)")
        List<Double> dropout2d,
    @Doc("widths of the hidden linear layers; 0..8 layers of 1..65536 (Nielsen: [50])")
        List<Integer> dense,
    @Doc("dropout probability after each hidden linear layer; [0, 1) (Nielsen: 0.5)")
        double dropout,
    @Doc("inputs are (pixel - inputMean) / inputStd; -10..10 (Nielsen: 0.1)") double inputMean,
    @Doc("inputs are (pixel - inputMean) / inputStd; > 0 (Nielsen: 0.25)") double inputStd,
    @Doc(
            "how it trains (Nielsen: plain SGD at 0.1 with his schedule, batch 10, 200 epochs, the "
                + "same batches every epoch)")
        Training training,
    @Since("issue 12")
        @Doc(
            "supervised: train on the labelled images. autoencoder / denoising: first train the "
                + "conv blocks and hidden layers as the encoder of a convolutional autoencoder on "
                + "the run's unlabelled images (YAML unlabelled: pool; denoising corrupts the "
                + "input by the run's onTheFly steps, if any, and masking noise); simclr: train them contrastively (NT-Xent) on two views of each "
                + "unlabelled image made by the run's onTheFly steps; then fit only the output "
                + "layer on the labelled images' codes (a linear probe); `training` is then unused. "
                + "fixmatch: train on the labelled images (through the onTheFly steps) and on "
                + "unlabelled ones whose weakly shifted view the network labels confidently, "
                + "that label asked of their onTheFly-distorted view (Sohn et al. 2020)")
        String objective,
    @Since("issue 12")
        @Doc(
            "how the encoder pretrains and the probe is fitted (objective autoencoder, denoising, "
                + "simclr)")
        Pretraining pretraining,
    @Since("issue 12") @Doc("how the unlabelled images enter training (objective fixmatch)")
        Semi semi) {

  static final List<String> OBJECTIVES =
      List.of("supervised", "autoencoder", "denoising", "simclr", "fixmatch");
  static final List<String> OPTIMIZERS = List.of("sgd", "adam");
  static final List<String> SCHEDULES = List.of("nielsen", "constant", "cosine");

  public ConvnetConfig {
    channels = Checks.list("channels", channels, 1, 16);
    int blocks = channels.size();
    for (int c : channels) {
      Checks.range("channels", c, 1, 4096, "");
    }
    kernels = Checks.perBlock("kernels", kernels, blocks);
    kernels.forEach(k -> Checks.range("kernels", k, 1, 31, ""));
    padding = Checks.perBlock("padding", padding, blocks);
    padding.forEach(p -> Checks.range("padding", p, 0, 15, ""));
    pool = Checks.perBlock("pool", pool, blocks);
    pool.forEach(p -> Checks.range("pool", p, 1, 8, " (1 = no pooling)"));
    dropout2d = Checks.perBlock("dropout2d", dropout2d, blocks);
    dropout2d.forEach(p -> Checks.probability("dropout2d", p));
    dense = Checks.list("dense", dense, 0, 8);
    dense.forEach(w -> Checks.range("dense", w, 1, 65536, ""));
    Checks.probability("dropout", dropout);
    Checks.range("inputMean", inputMean, -10, 10);
    Checks.positive("inputStd", inputStd);
    if (training == null) {
      throw new IllegalArgumentException("training: missing; give the training options");
    }
    objective = objective == null ? OBJECTIVES.get(0) : objective;
    Checks.oneOf("objective", objective, OBJECTIVES);
    pretraining = pretraining == null ? Pretraining.defaults() : pretraining;
    semi = semi == null ? Semi.defaults() : semi;
  }

  /** Whether the network pretrains on unlabelled images (autoencoder, denoising or simclr). */
  boolean pretrains() {
    return !objective.equals("supervised") && !objective.equals("fixmatch");
  }

  /** Nielsen's network and RMNIST/10 protocol. */
  public static ConvnetConfig defaults() {
    return new ConvnetConfig(
        List.of(10, 20),
        List.of(5),
        List.of(0),
        List.of(2),
        false,
        List.of(0.0, 0.5),
        List.of(50),
        0.5,
        0.1,
        0.25,
        new Training(
            "sgd", 0.1, 0, false, 0, 0.9, 0.999, 1e-8, "nielsen", 0, 200, 10, true, 0, false, 1),
        "supervised",
        Pretraining.defaults(),
        Semi.defaults());
  }
}
