package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code dc-convnet}: the ConvNet of the dataset-distillation literature (Zhao et al.'s
 * DC, DSA and DM code): {@code depth} blocks of 3×3 conv (padding 1) → instance norm (affine) →
 * ReLU → 2×2 average pooling, then one linear layer; trained with SGD, momentum 0.9, weight decay
 * 5e-4, as those papers evaluate their sets.
 */
public record DcConfig(
    @Doc("channels of every conv block; 1..1024 (the papers: 128)") int width,
    @Doc("conv blocks; 1..6 (the papers: 3)") int depth,
    @Doc("normalisation after each conv: instance (the papers), batch or none") String norm,
    @Doc("2x2 pooling after each block: avg (the papers) or max") String pool,
    @Doc("inputs are (pixel - inputMean) / inputStd; -10..10 (MNIST's mean 0.1307)")
        double inputMean,
    @Doc("inputs are (pixel - inputMean) / inputStd; > 0 (MNIST's std 0.3081)") double inputStd,
    @Doc(
            "how it trains (the papers: SGD 0.01, momentum 0.9, weight decay 5e-4, batch 256, "
                + "1000 epochs, the rate halved halfway; here cosine over 300 epochs)")
        Training training) {

  static final List<String> NORMS = List.of("instance", "batch", "none");
  static final List<String> POOLS = List.of("avg", "max");

  public DcConfig {
    Checks.range("width", width, 1, 1024, "");
    Checks.range("depth", depth, 1, 6, "");
    Checks.oneOf("norm", norm, NORMS);
    Checks.oneOf("pool", pool, POOLS);
    Checks.range("inputMean", inputMean, -10, 10);
    Checks.positive("inputStd", inputStd);
    if (training == null) {
      throw new IllegalArgumentException("training: missing; give the training options");
    }
  }

  /** ConvNet-3, width 128, instance norm, average pooling; SGD as the papers evaluate. */
  public static DcConfig defaults() {
    return new DcConfig(
        128,
        3,
        "instance",
        "avg",
        0.1307,
        0.3081,
        new Training(
            "sgd", 0.01, 0.9, false, 5e-4, 0.9, 0.999, 1e-8, "cosine", 0, 300, 256, false, 0, false,
            1));
  }
}
