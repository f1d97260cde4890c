package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericsCheckTest {

  @Test
  void libtorchComputesConvolutionsAndLinearLayersCorrectlyHere() {
    try (NDManager m = Torch.newManager()) {
      assertEquals(
          List.of(),
          NumericsCheck.run(m),
          "libtorch is off on this CPU; the tests run with DNNL_MAX_CPU_ISA from the root "
              + "pom's Surefire configuration");
    }
  }

  @Test
  void anErrorAboveTheToleranceIsReportedWithItsSize() {
    List<String> failures = new ArrayList<>();
    NumericsCheck.compare("exact", new float[] {1f, -2f}, new double[] {1, -2}, failures);
    assertEquals(List.of(), failures);
    NumericsCheck.compare("conv", new float[] {1f, -2.01f}, new double[] {1, -2}, failures);
    assertEquals(1, failures.size());
    assertTrue(failures.get(0).startsWith("conv off by 0.0100"), failures.get(0));
    NumericsCheck.compare("nan", new float[] {Float.NaN}, new double[] {1}, failures);
    assertTrue(failures.get(1).startsWith("nan off by Infinity"), failures.get(1));
  }
}
