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
    double ridge = config.ridge();
    return (real, syn, k, batch, n) -> loss(real, syn, k, batch, n, ridge);
  }

  /** The ridge regressor's mean squared error on the real batch. */
  static NDArray loss(NDArray real, NDArray syn, int classes, int batch, int n, double ridge) {
    NDManager m = syn.getManager();
    int rows = classes * n;
    NDArray kss = syn.matMul(syn.transpose());
    NDArray krs = real.matMul(syn.transpose());
    NDArray eye = m.eye(rows);
    NDArray lambda = kss.mul(eye).sum().mul((float) (ridge / rows));
    NDArray alpha = kss.add(eye.mul(lambda)).inverse().matMul(labels(m, classes, n));
    NDArray predicted = krs.matMul(alpha);
    return predicted.sub(labels(m, classes, batch)).square().sum().div((float) (classes * batch));
  }

  /** Centred one-hot labels of {@code per} images of each class, class-major. */
  static NDArray labels(NDManager m, int classes, int per) {
    float[] y = new float[classes * per * classes];
    for (int i = 0; i < classes * per; i++) {
      for (int k = 0; k < classes; k++) {
        y[i * classes + k] = (k == i / per ? 1f : 0f) - 1f / classes;
      }
    }
    return m.create(y, new ai.djl.ndarray.types.Shape(classes * per, classes));
  }
}
