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
 * @param nets random (a freshly drawn random ConvNet each step, as DM and RFAD do) or trained (a
 *     queue of ConvNets with a linear classifier, trained on labelled pool batches as the build
 *     goes, one drawn from the queue each step: IDM's model queue, Zhao et al., CVPR 2023)
 * @param netQueue nets: trained: networks in the queue; the oldest leaves when a new one joins
 * @param netEvery nets: trained: a new randomly initialised network joins every this many steps
 * @param netBatch nets: trained: pool images (of every class, with their labels) per SGD step
 * @param netSteps nets: trained: SGD steps on one network drawn from the queue after each step
 * @param netLr nets: trained: the networks' SGD learning rate (momentum 0.9, weight decay 5e-4)
 * @param ce nets: trained: weight of the synthetic images' cross-entropy under the drawn network's
 *     classifier (times that network's accuracy on its last training batch, so an untrained
 *     classifier does not steer), IDM's class-aware regulariser; 0 leaves it out
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
        String match,
    @Since("issue 11")
        @Doc(
            "random (a fresh random ConvNet each step) or trained (IDM's queue of ConvNets with a"
                + " linear classifier, trained on labelled pool batches during the build, one drawn"
                + " per step)")
        String nets,
    @Since("issue 11") @Doc("nets: trained: networks kept in the queue; 1..1000") int netQueue,
    @Since("issue 11")
        @Doc("nets: trained: a new random network joins the queue every this many steps; 1..100000")
        int netEvery,
    @Since("issue 11")
        @Doc("nets: trained: labelled pool images (all classes) per SGD step of a network; 1..4096")
        int netBatch,
    @Since("issue 11")
        @Doc("nets: trained: SGD steps on one network drawn from the queue after each step; 0..100")
        int netSteps,
    @Since("issue 11")
        @Doc(
            "nets: trained: the networks' SGD learning rate (momentum 0.9, weight decay 5e-4); (0, 10]")
        double netLr,
    @Since("issue 11")
        @Doc(
            "nets: trained: weight of the synthetic images' cross-entropy under the drawn network's"
                + " classifier, times its accuracy on its last training batch; 0..1000 (0: none)")
        double ce) {

  static final List<String> INITS = List.of("real", "noise", "start");
  static final List<String> LABELS = List.of("hard", "learned");
  static final List<String> MATCHES = List.of("mean", "mmd");
  static final List<String> NETS = List.of("random", "trained");

  public SynthesisConfig {
    Checks.range("iterations", iterations, 0, 1_000_000, "");
    Checks.range("realBatch", realBatch, 1, 4096, "");
    Checks.range("width", width, 1, 512, "");
    Checks.range("depth", depth, 1, 4, "");
    aboveZeroUpToTen("lr", lr);
    Checks.oneOf("init", init, INITS);
    aboveZeroUpToTen("ridge", ridge);
    Checks.range("threads", threads, 1, 64, "");
    Checks.oneOf("labels", labels, LABELS);
    aboveZeroUpToTen("labelLr", labelLr);
    Checks.oneOf("warp", warp, Warp.KINDS);
    if (!augment && !warp.equals("none")) {
      throw new IllegalArgumentException(
          "warp: '" + warp + "' is part of the augmentation, which augment: false turns off");
    }
    Checks.oneOf("match", match, MATCHES);
    Checks.oneOf("nets", nets, NETS);
    Checks.range("netQueue", netQueue, 1, 1000, "");
    Checks.range("netEvery", netEvery, 1, 100_000, "");
    Checks.range("netBatch", netBatch, 1, 4096, "");
    Checks.range("netSteps", netSteps, 0, 100, "");
    aboveZeroUpToTen("netLr", netLr);
    Checks.range("ce", ce, 0, 1000);
    if (ce > 0 && !nets.equals("trained")) {
      throw new IllegalArgumentException(
          "ce: "
              + ce
              + " weighs a cross-entropy under a trained network's classifier; a random "
              + "network's classifier means nothing (set nets: trained, or ce: 0)");
    }
  }

  /** The same config with fresh random networks each step (no queue, no cross-entropy). */
  SynthesisConfig(
      int iterations,
      int realBatch,
      int width,
      int depth,
      double lr,
      String init,
      boolean augment,
      double ridge,
      int threads,
      String labels,
      double labelLr,
      String warp,
      String match) {
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
        labels,
        labelLr,
        warp,
        match,
        "random",
        10,
        30,
        64,
        5,
        0.01,
        0);
  }

  /** {@code value} must lie in (0, 10]. */
  private static void aboveZeroUpToTen(String key, double value) {
    if (!(value > 0 && value <= 10)) {
      throw new IllegalArgumentException(key + ": must be in (0, 10], got " + value);
    }
  }

  boolean startsFrom() {
    return init.equals("start");
  }

  boolean matchesMmd() {
    return match.equals("mmd");
  }

  boolean trainsNets() {
    return nets.equals("trained");
  }

  boolean learnsLabels() {
    return labels.equals("learned");
  }

  static SynthesisConfig defaults() {
    return new SynthesisConfig(
        2000, 64, 32, 3, 0.01, "real", true, 0.01, 1, "hard", 0.01, "none", "mean", "random", 10,
        30, 64, 5, 0.01, 0);
  }
}
