package org.rmnist.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedTest {
  @Test
  void deriveIsAPureFunctionOfItsCoordinates() {
    Seed s = new Seed(42);
    assertEquals(s.derive("augment", 3, 7), new Seed(42).derive("augment", 3, 7));
    assertEquals(
        s.derive("augment", 3, 7).random().nextLong(),
        s.derive("augment", 3, 7).random().nextLong());
  }

  @Test
  void purposeCoordinatesAndParentAllMatter() {
    Set<Long> seen = new HashSet<>();
    Seed s = new Seed(42);
    seen.add(s.derive("augment", 3, 7).value());
    seen.add(s.derive("augment", 7, 3).value());
    seen.add(s.derive("augment", 3).value());
    seen.add(s.derive("augment", 3, 7, 0).value());
    seen.add(s.derive("shuffle", 3, 7).value());
    seen.add(new Seed(43).derive("augment", 3, 7).value());
    seen.add(s.derive("augmen", 3, 7).value());
    assertEquals(7, seen.size());
  }

  @Test
  void childrenOfConsecutiveIndicesAreUncorrelated() {
    Seed s = new Seed(0);
    long a = s.derive("x", 0).value();
    long b = s.derive("x", 1).value();
    assertNotEquals(a + 1, b);
    assertNotEquals(0, Long.bitCount(a ^ b) / 16, "children differ in many bits");
  }
}
