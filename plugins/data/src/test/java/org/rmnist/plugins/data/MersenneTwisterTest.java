package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MersenneTwisterTest {
  // Values printed by CPython: random.Random(619).getrandbits(32) / .random()
  @Test
  void matchesPythonInt32Stream() {
    MersenneTwister mt = new MersenneTwister(619);
    assertArrayEquals(
        new long[] {2185298167L, 3925328897L, 27882767L},
        new long[] {mt.nextInt32(), mt.nextInt32(), mt.nextInt32()});
  }

  @Test
  void matchesPythonRandom() {
    MersenneTwister mt = new MersenneTwister(619);
    assertEquals(0.5088043802524869, mt.nextDouble());
    assertEquals(0.006491964608263512, mt.nextDouble());
    assertEquals(0.14896692687861035, mt.nextDouble());
    MersenneTwister zero = new MersenneTwister(0);
    assertEquals(0.8444218515250481, zero.nextDouble());
    assertEquals(0.7579544029403025, zero.nextDouble());
  }
}
