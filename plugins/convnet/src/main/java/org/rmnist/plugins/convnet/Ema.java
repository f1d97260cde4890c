package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * An exponential moving average of a network's trained tensors (Polyak averaging; FixMatch
 * evaluates such an average). After each optimiser step, {@code shadow = d * shadow + (1 - d) *
 * weight} with {@code d = min(decay, (1 + k) / (10 + k))} at update {@code k} (counted from 0), so
 * that the first updates, when the initial weights are no estimate of anything, weigh little;
 * {@link #copyInto} then puts the averages in place of the weights. Batch-norm running statistics
 * are buffers, not trained tensors: they stay the network's own.
 */
final class Ema implements AutoCloseable {
  private final List<NDArray> weights;
  private final NDArray[] shadow;
  private final double decay;
  private final NDManager manager;
  private long updates;

  /** Starts the averages at {@code weights}' current values. */
  Ema(List<NDArray> weights, double decay, NDManager parent) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("ema: a decay in (0, 1), got " + decay);
    }
    this.weights = weights;
    this.decay = decay;
    this.manager = parent.newSubManager();
    this.shadow = new NDArray[weights.size()];
    for (int i = 0; i < shadow.length; i++) {
      NDArray w = weights.get(i);
      shadow[i] = manager.create(w.toFloatArray(), w.getShape());
    }
  }

  /** The decay used at update {@code k} (from 0). */
  static double decayAt(double decay, long k) {
    return Math.min(decay, (1.0 + k) / (10.0 + k));
  }

  /** Moves the averages towards the weights as they are now. */
  void update() {
    float d = (float) decayAt(decay, updates++);
    for (int i = 0; i < shadow.length; i++) {
      try (NDArray part = weights.get(i).mul(1f - d)) {
        shadow[i].muli(d).addi(part);
      }
    }
  }

  /** Puts the averages in place of the weights. */
  void copyInto() {
    for (int i = 0; i < shadow.length; i++) {
      NDArray w = weights.get(i);
      try (NDArray diff = shadow[i].sub(w)) {
        w.addi(diff);
      }
    }
  }

  /** Updates made so far. */
  long updates() {
    return updates;
  }

  @Override
  public void close() {
    manager.close();
  }
}
