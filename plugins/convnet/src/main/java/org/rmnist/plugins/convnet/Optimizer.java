package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with PyTorch's semantics ({@code buf = m*buf + g + wd*w; w -= lr*buf}, or Nesterov's {@code w
 * -= lr*(g + wd*w + m*buf)}) and Adam with scikit-learn's bias-corrected step, updating the
 * parameters in place and zeroing their gradients. Call {@link #step} with autograd off.
 *
 * <p>For SGD the learning rate is folded into the backward pass: {@link #seed()} holds {@code lr},
 * so gradients arrive as {@code G = lr*g} and a plain step is one native op per parameter ({@code w
 * -= G}). Momentum buffers are kept as {@code lr*buf} and rescaled when the rate changes, which
 * leaves PyTorch's {@code buf} semantics exact.
 */
final class Optimizer implements AutoCloseable {
  private final Training t;
  private final NDManager manager;
  private final NDArray[] params;
  private final NDArray[] first;
  private final NDArray[] second;
  private NDArray seed;
  private final boolean adam;
  private NDArray[] grads;
  private double lr = Double.NaN;
  private long steps;

  Optimizer(Training t, List<NDArray> parameters, NDManager manager) {
    this.t = t;
    this.manager = manager;
    this.params = parameters.toArray(new NDArray[0]);
    this.adam = t.optimizer().equals("adam");
    this.first = adam || t.momentum() > 0 ? zerosLike() : null;
    this.second = adam ? zerosLike() : null;
    this.seed = manager.create(1f);
  }

  private NDArray[] zerosLike() {
    NDArray[] z = new NDArray[params.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = manager.zeros(params[i].getShape());
    }
    return z;
  }

  /** The scalar to seed backward with: lr for SGD, 1 for Adam. */
  NDArray seed() {
    return seed;
  }

  /** Sets the learning rate (call before the steps it applies to). */
  void setLr(double newLr) {
    if (newLr == lr) {
      return;
    }
    if (!adam) {
      if (first != null && !Double.isNaN(lr)) {
        for (NDArray s : first) {
          s.muli(newLr / lr);
        }
      }
      seed.close();
      seed = manager.create((float) newLr);
    }
    lr = newLr;
  }

  double lr() {
    return lr;
  }

  long steps() {
    return steps;
  }

  /**
   * The optimiser's state, for a checkpoint: the first moments (Adam) or momentum buffers, then
   * Adam's second moments, in parameter order; empty for plain SGD.
   */
  List<NDArray> state() {
    List<NDArray> state = new ArrayList<>();
    for (NDArray[] arrays : new NDArray[][] {first, second}) {
      if (arrays != null) {
        state.addAll(List.of(arrays));
      }
    }
    return state;
  }

  /**
   * Continues from a checkpoint: {@code state} as {@link #state} gave it, {@code steps} updates
   * done. Only before this optimiser's first step.
   */
  void restore(long steps, List<NDArray> state) {
    List<NDArray> mine = state();
    if (this.steps != 0 || state.size() != mine.size()) {
      throw new IllegalStateException(
          "optimizer state of " + state.size() + " tensors for " + mine.size() + " (or not new)");
    }
    for (int i = 0; i < mine.size(); i++) {
      if (!mine.get(i).getShape().equals(state.get(i).getShape())) {
        throw new IllegalStateException(
            "optimizer state "
                + i
                + ": "
                + state.get(i).getShape()
                + ", expected "
                + mine.get(i).getShape());
      }
      mine.get(i).addi(state.get(i)); // zeros until now
    }
    this.steps = steps;
  }

  /** One update from the gradients of the last backward pass; then zeroes them. */
  void step() {
    if (grads == null) {
      grads = new NDArray[params.length];
      for (int i = 0; i < params.length; i++) {
        grads[i] = Torch.gradient(params[i]);
      }
    }
    steps++;
    if (adam) {
      double c = Math.sqrt(1 - Math.pow(t.beta2(), steps)) / (1 - Math.pow(t.beta1(), steps));
      for (int i = 0; i < params.length; i++) {
        Torch.adam(
            params[i],
            grads[i],
            first[i],
            second[i],
            (float) (lr * c),
            (float) t.weightDecay(),
            (float) t.beta1(),
            (float) t.beta2(),
            (float) t.epsilon());
      }
    } else if (first == null) {
      for (int i = 0; i < params.length; i++) {
        if (t.weightDecay() > 0) {
          params[i].muli(1 - lr * t.weightDecay());
        }
        params[i].subi(grads[i]);
      }
    } else {
      try (NDManager tmp = manager.newSubManager()) {
        for (int i = 0; i < params.length; i++) {
          momentum(params[i], grads[i], first[i], tmp);
        }
      }
    }
    for (NDArray p : params) {
      Torch.zeroGrad(p);
    }
  }

  /** Frees the optimizer's state (momentum / Adam buffers, the backward seed, gradient handles). */
  @Override
  public void close() {
    for (NDArray[] arrays : new NDArray[][] {first, second, grads}) {
      if (arrays != null) {
        for (NDArray a : arrays) {
          a.close();
        }
      }
    }
    seed.close();
  }

  /** With G = lr*g and S = lr*buf: D = G + lr*wd*w; S = m*S + D; w -= S (Nesterov: D + m*S). */
  private void momentum(NDArray p, NDArray g, NDArray s, NDManager tmp) {
    NDArray d = g;
    if (t.weightDecay() > 0) {
      NDArray decay = p.mul(lr * t.weightDecay());
      decay.attach(tmp);
      d = decay.addi(g);
    }
    s.muli(t.momentum()).addi(d);
    if (t.nesterov()) {
      NDArray ahead = s.mul(t.momentum());
      ahead.attach(tmp);
      p.subi(ahead.addi(d));
    } else {
      p.subi(s);
    }
  }
}
