package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Ema}: the averages against a hand computation, and the weights they replace. */
class EmaTest {
  @Test
  void averagesTheWeightsWithAWarmedUpDecayAndPutsThemInPlace() {
    try (NDManager m = Torch.newManager()) {
      NDArray w = m.create(new float[] {1, -2}, new Shape(2));
      NDArray other = m.create(new float[] {5}, new Shape(1));
      try (Ema ema = new Ema(List.of(w, other), 0.5, m)) {
        // by hand: d(0) = min(0.5, 1/10) = 0.1, d(1) = 2/11, d(2) = 3/12; from k = 10 on, 0.5
        double[] s = {1, -2};
        double[][] steps = {{3, 0}, {-1, 4}, {2, 2}};
        for (int k = 0; k < steps.length; k++) {
          w.muli(0).addi(m.create(new float[] {(float) steps[k][0], (float) steps[k][1]}));
          ema.update();
          double d = Math.min(0.5, (1.0 + k) / (10.0 + k));
          for (int j = 0; j < 2; j++) {
            s[j] = d * s[j] + (1 - d) * steps[k][j];
          }
        }
        assertEquals(0.1, Ema.decayAt(0.5, 0), 1e-12);
        assertEquals(0.25, Ema.decayAt(0.5, 2), 1e-12);
        assertEquals(0.5, Ema.decayAt(0.5, 10), 1e-12);
        assertEquals(0.999, Ema.decayAt(0.999, 100_000), 1e-12);
        assertEquals(3, ema.updates());
        // the weights are the last step's until copied
        assertArrayEquals(new float[] {2, 2}, w.toFloatArray());
        ema.copyInto();
        assertArrayEquals(new float[] {(float) s[0], (float) s[1]}, w.toFloatArray(), 1e-6f);
        // a weight that never moved averages to itself
        assertArrayEquals(new float[] {5}, other.toFloatArray(), 1e-6f);
      }
    }
  }

  @Test
  void aDecayOutsideTheOpenUnitIntervalIsRefused() {
    try (NDManager m = Torch.newManager()) {
      NDArray w = m.create(new float[] {1});
      assertThrows(IllegalArgumentException.class, () -> new Ema(List.of(w), 1.0, m));
      assertThrows(IllegalArgumentException.class, () -> new Ema(List.of(w), 0, m));
    }
  }
}
