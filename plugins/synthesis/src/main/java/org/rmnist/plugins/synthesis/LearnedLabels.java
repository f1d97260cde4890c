package org.rmnist.plugins.synthesis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The labels {@code krr} learns beside the pixels: per synthetic image a distribution softmax(Z)
 * over the classes (the set's soft labels), and one scale s = exp(t) of the regression targets,
 * which become s (softmax(Z) − 1/classes). The scale lets the regressor's targets grow where the
 * solve shrinks its predictions, so that neither the distributions are pushed to one-hot nor the
 * pixels brightened to make up for it. Z starts at {@link #LOGIT} for the image's class and 0
 * elsewhere, t at 0; Adam moves both.
 */
final class LearnedLabels {
  /** The logits' start for the image's class (softmax: about 0.94 of it with 10 classes). */
  static final float LOGIT = 5f;

  private final int classes;
  private final AdamMoments logitMoments;
  private final AdamMoments scaleMoments;
  private NDArray logits;
  private NDArray logScale;
  private NDArray oldLogits;
  private NDArray oldScale;

  private LearnedLabels(int classes, NDArray logits, NDArray logScale, NDManager m) {
    this.classes = classes;
    this.logits = logits;
    this.logScale = logScale;
    this.logitMoments = new AdamMoments(m.zeros(logits.getShape()), m.zeros(logits.getShape()));
    this.scaleMoments = new AdamMoments(m.zeros(new Shape(1)), m.zeros(new Shape(1)));
  }

  /** Labels of {@code n} images per class, class-major, in {@code m}. */
  static LearnedLabels start(NDManager m, int classes, int n) {
    float[] z = new float[classes * n * classes];
    for (int i = 0; i < classes * n; i++) {
      z[i * classes + i / n] = LOGIT;
    }
    return new LearnedLabels(
        classes, m.create(z, new Shape((long) classes * n, classes)), m.zeros(new Shape(1)), m);
  }

  /** Lends the parameters to {@code step} and records their gradients from now on. */
  void track(NDManager step) {
    for (NDArray a : new NDArray[] {logits, logScale}) {
      a.tempAttach(step);
      a.setRequiresGradient(true);
    }
  }

  /** The regression targets of the synthetic images: s (softmax(Z) − 1/classes). */
  NDArray targets() {
    return logits.softmax(1).sub(1f / classes).mul(logScale.exp());
  }

  /** Whether the last backward pass left finite gradients on both. */
  boolean finiteGradients() {
    return Synthesizer.finite(logits.getGradient()) && Synthesizer.finite(logScale.getGradient());
  }

  /** One Adam step on both after a backward pass; the new values belong to {@code m}. */
  void step(int it, double lr, NDManager step, NDManager m) {
    oldLogits = logits;
    oldScale = logScale;
    logits = logitMoments.next(logits, logits.getGradient(), lr, it, step);
    logScale = scaleMoments.next(logScale, logScale.getGradient(), lr, it, step);
    logits.attach(m);
    logScale.attach(m);
  }

  /** Frees the values the last {@link #step} replaced (once the step's manager is closed). */
  void closeOld() {
    if (oldLogits != null) {
      oldLogits.close();
      oldScale.close();
      oldLogits = null;
      oldScale = null;
    }
  }

  /** The soft labels: softmax(Z), a row per image. */
  float[] soft() {
    return logits.softmax(1).toFloatArray();
  }

  /** The targets' scale s. */
  double scale() {
    return Math.exp(logScale.toFloatArray()[0]);
  }
}
