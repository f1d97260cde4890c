package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.rmnist.api.Seed;

/**
 * SimCLR's projection head: linear (code to code) → ReLU → linear (code to {@code width}); the
 * contrastive loss is taken on its output, the encoder's code is what is kept. Never saved.
 */
final class Projection implements AutoCloseable {
  private final NDArray[] tensors;

  Projection(long code, int width, NDManager manager, Seed seed) {
    tensors =
        Net.create(
            List.of(
                spec("proj1.weight", new Shape(code, code), Net.Init.KAIMING_A5, code, code),
                spec("proj1.bias", new Shape(code), Net.Init.FAN_IN_UNIFORM, code, code),
                spec("proj2.weight", new Shape(width, code), Net.Init.KAIMING_A5, code, width),
                spec("proj2.bias", new Shape(width), Net.Init.FAN_IN_UNIFORM, code, width)),
            manager,
            seed);
  }

  private static Net.TensorSpec spec(
      String name, Shape shape, Net.Init init, long fanIn, long fanOut) {
    return new Net.TensorSpec(name, shape, init, fanIn, fanOut, true);
  }

  List<NDArray> parameters() {
    return List.of(tensors);
  }

  /** The projections of codes (N x code) → N x width. */
  NDArray forward(NDArray code) {
    NDArray h = Activation.relu(Linear.linear(code, tensors[0], tensors[1]).singletonOrThrow());
    return Linear.linear(h, tensors[2], tensors[3]).singletonOrThrow();
  }

  @Override
  public void close() {
    for (NDArray t : tensors) {
      t.close();
    }
  }
}
