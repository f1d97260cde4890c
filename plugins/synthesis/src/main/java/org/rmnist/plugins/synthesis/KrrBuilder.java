package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.pf4j.Extension;

/**
 * {@code krr}: kernel ridge regression through random features (the idea of KIP, RFAD and FRePo,
 * first-order only). Each step a freshly drawn random ConvNet maps both sides to features φ; the
 * synthetic set with its centred one-hot labels Y_s defines the ridge regressor ŷ(x) = φ(x) φ_sᵀ
 * (φ_s φ_sᵀ + λI)⁻¹ Y_s, with λ = ridge × the mean diagonal of φ_s φ_sᵀ; the loss is its mean
 * squared error on the real batch, and its gradient reaches the synthetic pixels through the solve.
 * With {@code labels: learned}, Y_s = s (softmax(Z) − 1/classes) with logits Z and a scale s
 * learned beside the pixels (as KIP and RFAD learn labels; {@link LearnedLabels}), and softmax(Z)
 * becomes the set's soft labels.
 */
@Extension
public final class KrrBuilder extends SynthesisBuilder {
  @Override
  public String id() {
    return "krr";
  }

  @Override
  public String summary() {
    return "synthetic images by kernel ridge regression on random ConvNet features, fitted to "
        + "real batches (DJL + PyTorch)";
  }

  @Override
  Synthesizer.Objective objective(SynthesisConfig config) {
    if (config.matchesMmd()) {
      throw new IllegalArgumentException(
          "match: 'mmd' is for dm, which matches embeddings; krr's loss is its regression error "
              + "on the real batch (use match: mean, the default)");
    }
    double ridge = config.ridge();
    return (real, syn, labels, k, batch, n) -> loss(real, syn, labels, k, batch, ridge);
  }

  /**
   * The ridge regressor's mean squared error on the real batch ({@code batch} per class,
   * class-major, centred one-hot targets), the synthetic rows having targets {@code synLabels}.
   */
  static NDArray loss(
      NDArray real, NDArray syn, NDArray synLabels, int classes, int batch, double ridge) {
    NDManager m = syn.getManager();
    int rows = Math.toIntExact(syn.getShape().get(0));
    NDArray kss = syn.matMul(syn.transpose());
    NDArray krs = real.matMul(syn.transpose());
    NDArray eye = m.eye(rows);
    NDArray lambda = Scalars.times(kss.mul(eye).sum(), (float) (ridge / rows));
    NDArray alpha = kss.add(eye.mul(lambda)).inverse().matMul(synLabels);
    NDArray predicted = krs.matMul(alpha);
    return Scalars.over(
        predicted.sub(Synthesizer.centredOneHot(m, classes, batch)).square().sum(),
        classes * batch);
  }
}
