package org.rmnist.plugins.synthesis;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.api.Since;
import org.rmnist.support.Checks;

/**
 * Config of {@code dm} and {@code krr}: the random networks that embed images, the real batches,
 * the optimiser of the synthetic pixels and the siamese augmentation.
 *
 * @param iterations optimisation steps of the synthetic images
 * @param realBatch real images per class per step
 * @param width channels of the random ConvNet's blocks
 * @param depth blocks of the random ConvNet (3×3 conv, instance norm, ReLU, 2×2 average pooling)
 * @param lr Adam's learning rate on the pixels (pixel values in [0, 1])
 * @param init how the synthetic images start: real (random pool images of the class), noise, or
 *     start (the set the data set's {@code build.start} builder makes, for example a chosen
 *     coreset)
 * @param augment whether both sides see the same random shift, cutout and contrast each step
 * @param ridge krr only: ridge as a fraction of the mean diagonal of the synthetic kernel
 * @param labels krr only: hard (each image's one-hot class) or learned (soft labels optimised with
 *     the pixels, then given to the models that train on the set)
 * @param labelLr Adam's learning rate on the learned labels' logits
 * @param warp the geometric part of the siamese augmentation: none (shift only, as DSA without
 *     rotation), affine (cnn-a's rotation, scale and shear) or elastic (affine, then half of the
 *     time Simard's elastic displacement)
 * @param match dm only: mean (the squared distance between mean embeddings, Zhao &amp; Bilen) or
 *     mmd (the maximum mean discrepancy under Gaussian kernels on the embeddings, which matches the
 *     spread of each class as well as its mean)
 */
public record SynthesisConfig(
    @Doc("optimisation steps of the synthetic images; 0..1000000") int iterations,
    @Doc("real pool images per class drawn each step; 1..4096") int realBatch,
    @Doc("channels of the random ConvNet (3x3 conv, instance norm, ReLU, avg pool); 1..512")
        int width,
    @Doc("blocks of the random ConvNet; 1..4") int depth,
    @Doc("Adam's learning rate on the synthetic pixels (values kept in [0, 1]); (0, 10]") double lr,
    @Doc(
            "start: real (random pool images of each class), noise (uniform [0, 1]) or start (the "
                + "set made by the builder named in the data set's build.start)")
        String init,
    @Doc(
            "siamese differentiable augmentation: both sides get the same random shift (up to 2 "
                + "px), cutout and contrast each step")
        boolean augment,
    @Doc("krr: ridge as a fraction of the mean diagonal of the synthetic set's kernel; (0, 10]")
        double ridge,
    @Doc("libtorch threads while building; 1..64 (1 is bit-reproducible)") int threads,
    @Since("issue 11")
        @Doc(
            "krr: hard (one-hot) or learned (soft labels optimised with the pixels through the "
                + "solve; only models that can train on soft labels may use the set)")
        String labels,
    @Since("issue 11")
        @Doc(
            "krr with learned labels: Adam's learning rate on the labels' logits (they start at 5 "
                + "for the class, 0 elsewhere) and on the log of their scale; (0, 10]")
        double labelLr,
    @Since("issue 11")
        @Doc(
            "geometric part of the augmentation, the same draw for both sides: none (shift only),"
                + " affine (also cnn-a's rotation up to 12 deg, scale 0.88..1.12, shear up to 12"
                + " deg) or elastic (affine, then half of the time Simard's displacement, alpha "
                + "34, sigma 4); needs augment")
        String warp,
    @Since("issue 11")
        @Doc(
            "dm: mean (squared distance of the mean embeddings) or mmd (maximum mean discrepancy"
                + " under Gaussian kernels of 3 widths about the real class's mean squared distance)")
        String match) {

  static final List<String> INITS = List.of("real", "noise", "start");
  static final List<String> LABELS = List.of("hard", "learned");
  static final List<String> MATCHES = List.of("mean", "mmd");

  public SynthesisConfig {
    Checks.range("iterations", iterations, 0, 1_000_000, "");
    Checks.range("realBatch", realBatch, 1, 4096, "");
    Checks.range("width", width, 1, 512, "");
    Checks.range("depth", depth, 1, 4, "");
    if (!(lr > 0 && lr <= 10)) {
      throw new IllegalArgumentException("lr: must be in (0, 10], got " + lr);
    }
    Checks.oneOf("init", init, INITS);
    if (!(ridge > 0 && ridge <= 10)) {
      throw new IllegalArgumentException("ridge: must be in (0, 10], got " + ridge);
    }
    Checks.range("threads", threads, 1, 64, "");
    Checks.oneOf("labels", labels, LABELS);
    if (!(labelLr > 0 && labelLr <= 10)) {
      throw new IllegalArgumentException("labelLr: must be in (0, 10], got " + labelLr);
    }
    Checks.oneOf("warp", warp, Warp.KINDS);
    if (!augment && !warp.equals("none")) {
      throw new IllegalArgumentException(
          "warp: '" + warp + "' is part of the augmentation, which augment: false turns off");
    }
    Checks.oneOf("match", match, MATCHES);
  }

  /** The same config with hard labels, no warp and mean matching. */
  SynthesisConfig(
      int iterations,
      int realBatch,
      int width,
      int depth,
      double lr,
      String init,
      boolean augment,
      double ridge,
      int threads) {
    this(
        iterations,
        realBatch,
        width,
        depth,
        lr,
        init,
        augment,
        ridge,
        threads,
        "hard",
        0.01,
        "none",
        "mean");
  }

  boolean startsFrom() {
    return init.equals("start");
  }

  boolean matchesMmd() {
    return match.equals("mmd");
  }

  boolean learnsLabels() {
    return labels.equals("learned");
  }

  static SynthesisConfig defaults() {
    return new SynthesisConfig(
        2000, 64, 32, 3, 0.01, "real", true, 0.01, 1, "hard", 0.01, "none", "mean");
  }
}
