package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import org.pf4j.Extension;

/**
 * {@code dm}: distribution matching (Zhao &amp; Bilen, "Dataset Condensation with Distribution
 * Matching", WACV 2023). Each step the synthetic images of every class move so that their mean
 * embedding under a freshly drawn random ConvNet matches the mean embedding of a real batch of that
 * class, both sides seen through the same differentiable augmentation; loss Σ_c ‖mean_real_c −
 * mean_syn_c‖² ({@code match: mean}), or Σ_c MMD²_c under Gaussian kernels ({@code match: mmd}, as
 * M3D, Zhang et al. 2024, does: the mean embedding is the linear kernel's special case). With
 * {@code nets: trained} the embedding network comes from IDM's queue of networks being trained on
 * the pool ({@link NetQueue}), and {@code ce} adds the synthetic images' cross-entropy under its
 * classifier.
 */
@Extension
public final class DmBuilder extends SynthesisBuilder {
  @Override
  public String id() {
    return "dm";
  }

  @Override
  public String summary() {
    return "synthetic images by distribution matching: mean embeddings under random ConvNets "
        + "matched to the real class's (DJL + PyTorch)";
  }

  /** Matching embeddings involves no labels: there are none to learn. */
  @Override
  public boolean softLabels(SynthesisConfig config) {
    return false;
  }

  @Override
  Synthesizer.Objective objective(SynthesisConfig config) {
    if (config.learnsLabels()) {
      throw new IllegalArgumentException(
          "labels: 'learned' is for krr, whose loss goes through the labels; dm matches "
              + "embeddings and has none to learn (use labels: hard)");
    }
    if (config.matchesMmd()) {
      return (real, syn, labels, classes, batch, n) -> mmd(real, syn, classes, batch, n);
    }
    return (real, syn, labels, classes, batch, n) -> loss(real, syn, classes, batch, n);
  }

  /** Kernel widths, as multiples of the step's mean squared distance between real embeddings. */
  static final float[] WIDTHS = {0.25f, 1f, 4f};

  /**
   * Σ over classes of the squared maximum mean discrepancy between the class's real and synthetic
   * embeddings under the sum of Gaussian kernels exp(−d² / (w · h)), w in {@link #WIDTHS} and h the
   * mean squared distance between two real embeddings of a class in the step (no gradient through
   * h; taken from the real side so the kernels do not widen while the synthetic images are far
   * off). Biased estimator; the real-to-real term, constant in the pixels, is left out.
   */
  static NDArray mmd(NDArray real, NDArray syn, int classes, int batch, int n) {
    NDArray r = real.reshape(classes, batch, -1);
    NDArray s = syn.reshape(classes, n, -1);
    NDArray rs = squaredDistances(r, s);
    NDArray ss = squaredDistances(s, s);
    NDArray h = squaredDistances(r, r).mean().stopGradient();
    NDArray loss = null;
    for (float w : WIDTHS) {
      NDArray scale = h.mul(-w);
      NDArray term = ss.div(scale).exp().mean().sub(Scalars.times(rs.div(scale).exp().mean(), 2f));
      loss = loss == null ? term : loss.add(term);
    }
    return Scalars.times(loss, classes);
  }

  /** ‖a_i − b_j‖² per class ({@code classes × rows(a) × rows(b)}), never below zero. */
  private static NDArray squaredDistances(NDArray a, NDArray b) {
    NDArray a2 = a.square().sum(new int[] {2}, true);
    NDArray b2 = b.square().sum(new int[] {2}, true).transpose(0, 2, 1);
    return Scalars.atLeast(
        a2.add(b2).sub(Scalars.times(a.batchMatMul(b.transpose(0, 2, 1)), 2f)), 0f);
  }

  /** Σ over classes of the squared distance between the two sides' mean embeddings. */
  static NDArray loss(NDArray real, NDArray syn, int classes, int batch, int n) {
    NDArray meanReal = real.reshape(classes, batch, -1).mean(new int[] {1});
    NDArray meanSyn = syn.reshape(classes, n, -1).mean(new int[] {1});
    return meanReal.sub(meanSyn).square().sum();
  }
}
