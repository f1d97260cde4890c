package org.rmnist.plugins.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers in a graph outlive the forward pass (DJL's own scalar overloads do not, see Scalars). */
class ScalarsTest {
  @Test
  void gradientsThroughScalarsSurviveTheJvmReusingMemory() throws Exception {
    Engine engine = Engine.getEngine(Synthesizer.ENGINE);
    for (int trial = 0; trial < 10; trial++) {
      try (NDManager m = engine.newBaseManager()) {
        NDArray x = m.create(new float[] {-1f, 0.5f, 3f});
        x.setRequiresGradient(true);
        try (GradientCollector c = engine.newGradientCollector()) {
          NDArray y =
              Scalars.times(x, 2f).add(Scalars.over(x, 4f)).add(Scalars.atLeast(x, 0f)).sum();
          System.gc();
          Thread.sleep(5);
          List<ByteBuffer> reuse = new ArrayList<>();
          for (int k = 0; k < 2000; k++) {
            reuse.add(ByteBuffer.allocateDirect(4).putFloat(0, 1e30f));
          }
          c.backward(y);
        }
        assertArrayEquals(new float[] {2.25f, 3.25f, 3.25f}, x.getGradient().toFloatArray());
      }
    }
  }
}
