package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The scalar arithmetic that graphs use. With DJL's own {@code x.mul(2f)} in place of {@code
 * Torch.times(x, 2f)} this procedure gives gradients of 1e30 (every time, here): the number's
 * buffer is freed after the forward pass and its memory reused by the next small Java buffers.
 */
class TorchTest {
  /** The gradient of sum(op(x)) at x, after the JVM has freed and reused what it could. */
  static float[] gradientAfterReuse(UnaryOperator<NDArray> op, float[] at) throws Exception {
    try (NDManager m = Torch.newManager()) {
      boolean before = Torch.gradMode(false);
      try {
        NDArray x = m.create(at);
        x.setRequiresGradient(true);
        try (GradientCollector c = Torch.engine().newGradientCollector()) {
          NDArray y = op.apply(x).sum();
          System.gc();
          Thread.sleep(5);
          List<ByteBuffer> reuse = new ArrayList<>();
          for (int k = 0; k < 2000; k++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            reuse.add(b);
          }
          c.backward(y);
        }
        return x.getGradient().toFloatArray();
      } finally {
        Torch.gradMode(before);
      }
    }
  }

  @Test
  void scalarsInAGraphLiveUntilTheBackwardPass() throws Exception {
    float[] at = {-1f, 0.5f, 3f};
    for (int trial = 0; trial < 20; trial++) {
      assertArrayEquals(
          new float[] {2f, 2f, 2f}, gradientAfterReuse(x -> Torch.times(x, 2f), at), "times");
      assertArrayEquals(
          new float[] {0.25f, 0.25f, 0.25f},
          gradientAfterReuse(x -> Torch.over(x, 4f), at),
          "over");
      assertArrayEquals(
          new float[] {0f, 1f, 1f}, gradientAfterReuse(x -> Torch.atLeast(x, 0f), at), "atLeast");
    }
  }

  @Test
  void scalarHelpersComputeWhatTheirNamesSay() {
    try (NDManager m = Torch.newManager()) {
      NDArray x = m.create(new float[] {-2f, 1f, 4f}, new Shape(3));
      assertArrayEquals(new float[] {-6f, 3f, 12f}, Torch.times(x, 3f).toFloatArray());
      assertArrayEquals(new float[] {-0.5f, 0.25f, 1f}, Torch.over(x, 4f).toFloatArray());
      assertArrayEquals(new float[] {1f, 1f, 4f}, Torch.atLeast(x, 1f).toFloatArray());
    }
  }
}
