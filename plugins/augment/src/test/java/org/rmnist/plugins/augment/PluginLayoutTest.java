package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every config key rejects bad values by name, and the defaults are the documented ones. */
class PluginLayoutTest {

  private static void fails(String message, Runnable create) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void everyKeyNamesItselfWhenBad() {
    fails("max: must be in [0, 64], got -2", () -> new ShiftConfig(-2));
    fails("degrees: must be in [0, 180], got -1.0", () -> new RotateConfig(-1));
    fails(
        "degrees: must be in [0, 180], got Infinity",
        () -> new AffineConfig(Double.POSITIVE_INFINITY, 0, false, 0, 0));
    fails("scale: must be in [0, 0.9], got 0.95", () -> new AffineConfig(0, 0.95, false, 0, 0));
    fails("shear: must be in [0, 60], got 61.0", () -> new AffineConfig(0, 0, false, 61, 0));
    fails("translate: must be in [0, 64], got -0.5", () -> new AffineConfig(0, 0, false, 0, -0.5));
    fails("alpha: must be in [0, 1000], got NaN", () -> new ElasticConfig(Double.NaN, 4));
    fails("sigma: must be in [0, 50], got -4.0", () -> new ElasticConfig(34, -4));
    fails("noise: must be in [0, 1], got -0.1", () -> new IntensityConfig(-0.1, 0, 0, 0));
    fails("brightness: must be in [0, 1], got 1.5", () -> new IntensityConfig(0, 1.5, 0, 0));
    fails("contrast: must be in [0, 1], got 2.0", () -> new IntensityConfig(0, 0, 2, 0));
    fails("thickness: must be in [0, 1], got 1.1", () -> new IntensityConfig(0, 0, 0, 1.1));
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals(new ShiftConfig(1), new ShiftAugmentation().defaults());
    assertEquals(new RotateConfig(15), new RotateAugmentation().defaults());
    assertEquals(new AffineConfig(10, 0.1, false, 10, 2), new AffineAugmentation().defaults());
    assertEquals(new ElasticConfig(34, 4), new ElasticAugmentation().defaults());
    assertEquals(new IntensityConfig(0.05, 0.1, 0.2, 0.5), new IntensityAugmentation().defaults());
  }
}
