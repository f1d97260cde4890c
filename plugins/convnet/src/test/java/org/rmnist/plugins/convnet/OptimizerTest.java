package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The updates against PyTorch's formulas, computed by hand for loss = sum(c * w) (gradient c), over
 * two steps with a change of learning rate in between.
 */
class OptimizerTest {
  static final float[] W0 = {1f, -2f};
  static final float[] C = {3f, 0.5f};

  private static Training sgd(double momentum, boolean nesterov, double wd) {
    return new Training(
        "sgd",
        0.1,
        momentum,
        nesterov,
        wd,
        0.9,
        0.999,
        1e-8,
        "constant",
        0,
        10,
        10,
        true,
        0,
        false,
        1);
  }

  /** Runs two steps (lr 0.1 then 0.05) and returns w after each. */
  private static float[][] run(Training t, double lr0, double lr1) {
    try (NDManager m = Torch.newManager()) {
      NDArray w = m.create(W0.clone());
      w.setRequiresGradient(true);
      NDArray c = m.create(C);
      Optimizer opt = new Optimizer(t, List.of(w), m);
      float[][] out = new float[2][];
      double[] lrs = {lr0, lr1};
      for (int s = 0; s < 2; s++) {
        opt.setLr(lrs[s]);
        try (NDManager step = m.newSubManager()) {
          try (GradientCollector gc = Torch.engine().newGradientCollector()) {
            NDArray loss = w.mul(c);
            loss.attach(step);
            Torch.backward(loss.sum(), opt.seed());
          }
          boolean before = Torch.gradMode(false);
          opt.step();
          Torch.gradMode(before);
        }
        out[s] = w.toFloatArray();
      }
      return out;
    }
  }

  private static float[] expected(
      double[] w, double m, boolean nesterov, double wd, double[] buf, double lr) {
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      double d = C[i] + wd * w[i];
      buf[i] = buf[i] * m + d;
      double step = nesterov ? d + m * buf[i] : buf[i];
      w[i] -= lr * step;
      out[i] = (float) w[i];
    }
    return out;
  }

  private static void checkSgd(double m, boolean nesterov, double wd) {
    float[][] got = run(sgd(m, nesterov, wd), 0.1, 0.05);
    double[] w = {W0[0], W0[1]};
    double[] buf = new double[2];
    float[] first = expected(w, m, nesterov, wd, buf, 0.1);
    float[] second = expected(w, m, nesterov, wd, buf, 0.05);
    assertArrayEquals(first, got[0], 1e-6f, "step 1");
    assertArrayEquals(second, got[1], 1e-6f, "step 2 (after the rate changed)");
  }

  @Test
  void plainSgd() {
    checkSgd(0, false, 0);
  }

  @Test
  void sgdWithWeightDecay() {
    checkSgd(0, false, 0.01);
  }

  @Test
  void momentumKeepsPyTorchsBufferAcrossRateChanges() {
    checkSgd(0.9, false, 0);
    checkSgd(0.5, false, 0.01);
  }

  @Test
  void nesterov() {
    checkSgd(0.9, true, 0.01);
  }

  @Test
  void adamTakesScikitLearnsBiasCorrectedStep() {
    Training t =
        new Training(
            "adam", 0.001, 0, false, 0, 0.9, 0.999, 1e-8, "constant", 0, 10, 10, true, 0, false, 1);
    float[][] got = run(t, 0.001, 0.001);
    float[] expected = new float[2];
    double[] mean = new double[2];
    double[] var = new double[2];
    double[] w = {W0[0], W0[1]};
    for (int s = 1; s <= 2; s++) {
      double lr = 0.001 * Math.sqrt(1 - Math.pow(0.999, s)) / (1 - Math.pow(0.9, s));
      for (int i = 0; i < 2; i++) {
        mean[i] = 0.9 * mean[i] + 0.1 * C[i];
        var[i] = 0.999 * var[i] + 0.001 * C[i] * C[i];
        w[i] -= lr * mean[i] / (Math.sqrt(var[i]) + 1e-8);
        expected[i] = (float) w[i];
      }
      assertArrayEquals(expected, got[s - 1], 1e-6f, "step " + s);
    }
  }
}
