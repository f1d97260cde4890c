package org.rmnist.plugins.convnet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything PyTorch-specific in one place: the engine, thread count, RNG seed, grad mode and the
 * fused native updates that DJL's own optimizers call (one JNI call per parameter per step).
 */
final class Torch {
  static final String ENGINE = "PyTorch";

  /**
   * DJL's PyTorch engine allows one gradient collector per JVM (docs/platform.md 5) and libtorch's
   * thread count is process-wide: fits and predictions in this plugin take turns.
   */
  static final ReentrantLock LOCK = new ReentrantLock();

  private static volatile boolean verified;

  private Torch() {}

  /** DJL's PyTorch engine, or an error that names the engines DJL did find. */
  static Engine engine() {
    if (!Engine.getAllEngines().contains(ENGINE)) {
      throw new IllegalStateException(
          "DJL engine '"
              + ENGINE
              + "' not found; engines on the class path: "
              + Engine.getAllEngines()
              + " (pytorch-engine, pytorch-jni and pytorch-native-cpu belong on the host's class "
              + "path; set -Dai.djl.offline=true to use the bundled libtorch)");
    }
    Engine engine = Engine.getEngine(ENGINE);
    if (!verified) {
      verify(engine);
    }
    return engine;
  }

  /** Runs {@link NumericsCheck} once per JVM; every later use trusts its verdict. */
  private static synchronized void verify(Engine engine) {
    if (!verified) {
      try (NDManager manager = engine.newBaseManager()) {
        NumericsCheck.verify(manager);
      }
      verified = true;
    }
  }

  /** A root manager on the PyTorch engine; the caller closes it. */
  static NDManager newManager() {
    return engine().newBaseManager();
  }

  /** libtorch's intra-op thread count (process-wide). */
  static int threads() {
    engine();
    return JniUtils.getNumThreads();
  }

  /** Sets libtorch's intra-op thread count (process-wide) when it differs. */
  static void setThreads(int threads) {
    engine();
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }

  /** Seeds libtorch's global generator (we draw our own randomness; this only pins the rest). */
  static void seed(int seed) {
    engine().setRandomSeed(seed);
  }

  /** What {@link #training} runs. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws java.io.IOException;
  }

  /**
   * Runs {@code body} holding {@link #LOCK}, with libtorch at {@code threads} intra-op threads,
   * autograd off (gradient collectors turn it on) and the engine's generator seeded with {@code
   * seed}; restores the thread count and grad mode after.
   */
  static <T> T training(int threads, int seed, Body<T> body) throws java.io.IOException {
    LOCK.lock();
    int threadsBefore = threads();
    boolean gradBefore = gradMode(false);
    try {
      setThreads(threads);
      seed(seed);
      return body.run();
    } finally {
      gradMode(gradBefore);
      setThreads(threadsBefore);
      LOCK.unlock();
    }
  }

  /** Turns autograd recording on or off for this thread; returns the previous state. */
  static boolean gradMode(boolean on) {
    boolean before = JniUtils.isGradMode();
    if (before != on) {
      JniUtils.setGradMode(on);
    }
    return before;
  }

  /**
   * Back-propagates {@code loss} (a scalar) seeded with {@code seed} (a scalar): gradients come out
   * multiplied by the seed's value, which lets SGD fold its learning rate into the backward pass.
   */
  static void backward(NDArray loss, NDArray seed) {
    JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
  }

  /**
   * The gradient tensor of a parameter, after its first backward pass. PyTorch accumulates into the
   * same tensor afterwards (we zero it in place), so one handle serves the whole fit.
   */
  static NDArray gradient(NDArray parameter) {
    NDArray grad = JniUtils.getGradient((PtNDArray) parameter);
    if (grad == null) {
      throw new IllegalStateException("parameter " + parameter.getName() + " got no gradient");
    }
    return grad;
  }

  /**
   * {@code x * c}, for graphs autograd differentiates. DJL's {@code mul(Number)} wraps the number
   * in a tensor over a Java buffer and closes that tensor at once, while autograd keeps it for the
   * backward pass; the JVM may free the buffer and reuse its memory before then, and the gradient
   * comes out multiplied by whatever lies there (1e30 in {@code TorchTest}, 1e24-1e35 in the
   * ladder's runs; docs/platform.md, item 12). Here the number is a tensor libtorch owns, which
   * autograd's reference keeps alive.
   */
  static NDArray times(NDArray x, float c) {
    try (NDArray s = constant(x, c)) {
      return x.mul(s);
    }
  }

  /** {@code x / c}, safe under autograd as {@link #times} is (DJL's {@code div(Number)} is not). */
  static NDArray over(NDArray x, float c) {
    try (NDArray s = constant(x, c)) {
      return x.div(s);
    }
  }

  /** {@code max(x, c)} elementwise, safe under autograd as {@link #times} is. */
  static NDArray atLeast(NDArray x, float c) {
    try (NDArray s = constant(x, c)) {
      return x.maximum(s);
    }
  }

  /** A scalar tensor of value {@code c} that libtorch allocates, in {@code x}'s manager. */
  private static NDArray constant(NDArray x, float c) {
    return x.getManager().full(new Shape(), c);
  }

  /** Zeroes a parameter's gradient in place. */
  static void zeroGrad(NDArray parameter) {
    JniUtils.zeroGrad((PtNDArray) parameter);
  }

  /**
   * DJL's fused SGD: {@code g = (grad + wd*w)*lr; state = momentum*state + g; w -= state} (without
   * momentum {@code w -= g}); no clipping.
   */
  static void sgd(NDArray w, NDArray grad, NDArray state, float lr, float wd, float momentum) {
    JniUtils.sgdUpdate(
        (PtNDArray) w, (PtNDArray) grad, (PtNDArray) state, lr, wd, 1f, -1f, momentum);
  }

  /**
   * DJL's fused Adam: {@code g = grad + wd*w; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; w -=
   * lrCorrected * m / (sqrt(v) + eps)}.
   */
  static void adam(
      NDArray w,
      NDArray grad,
      NDArray mean,
      NDArray var,
      float lrCorrected,
      float wd,
      float beta1,
      float beta2,
      float eps) {
    JniUtils.adamUpdate(
        (PtNDArray) w,
        (PtNDArray) grad,
        (PtNDArray) mean,
        (PtNDArray) var,
        1f,
        lrCorrected,
        wd,
        1f,
        -1f,
        beta1,
        beta2,
        eps,
        false);
  }
}
