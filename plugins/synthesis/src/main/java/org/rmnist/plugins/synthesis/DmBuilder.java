package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import org.pf4j.Extension;

/**
 * {@code dm}: distribution matching (Zhao &amp; Bilen, "Dataset Condensation with Distribution
 * Matching", WACV 2023). Each step the synthetic images of every class move so that their mean
 * embedding under a freshly drawn random ConvNet matches the mean embedding of a real batch of that
 * class, both sides seen through the same differentiable augmentation; loss Σ_c ‖mean_real_c −
 * mean_syn_c‖².
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
    return (real, syn, labels, classes, batch, n) -> loss(real, syn, classes, batch, n);
  }

  /** Σ over classes of the squared distance between the two sides' mean embeddings. */
  static NDArray loss(NDArray real, NDArray syn, int classes, int batch, int n) {
    NDArray meanReal = real.reshape(classes, batch, -1).mean(new int[] {1});
    NDArray meanSyn = syn.reshape(classes, n, -1).mean(new int[] {1});
    return meanReal.sub(meanSyn).square().sum();
  }
}
