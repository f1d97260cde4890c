package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Schedules, the stopping rule and batch bookkeeping. */
class TrainingTest {

  private static Training schedule(String name, int warmup, int epochs) {
    return new Training(
        "sgd", 0.1, 0, false, 0, 0.9, 0.999, 1e-8, name, warmup, epochs, 10, true, 0, false, 1);
  }

  @Test
  void nielsensScheduleCountsEpochsFromOneWithIntegerDivision() {
    Training t = schedule("nielsen", 0, 500);
    assertEquals(0.08, t.lrAt(0), 1e-12); // his epoch 1: 0.1 * 0.8^(1/10 + 1)
    assertEquals(0.08, t.lrAt(8), 1e-12); // epoch 9
    assertEquals(0.064, t.lrAt(9), 1e-12); // epoch 10
    assertEquals(0.0512, t.lrAt(19), 1e-12); // epoch 20
    assertEquals(0.1 * Math.pow(0.8, 51), t.lrAt(499), 1e-15); // epoch 500
  }

  @Test
  void cosineWithWarmup() {
    Training t = schedule("cosine", 2, 10);
    assertEquals(0.05, t.lrAt(0), 1e-12);
    assertEquals(0.1, t.lrAt(1), 1e-12);
    assertEquals(0.1, t.lrAt(2), 1e-12);
    assertEquals(0.05 * (1 + Math.cos(Math.PI * 7 / 8)), t.lrAt(9), 1e-12);
    assertEquals(0.1, schedule("constant", 0, 10).lrAt(7), 0);
  }

  @Test
  void stoppingFollowsScikitLearn() {
    Fitter.Stall off = new Fitter.Stall(1e-4, 0);
    assertFalse(off.stalled(1.0));
    Fitter.Stall s = new Fitter.Stall(0.1, 2);
    assertFalse(s.stalled(1.0)); // best = 1.0
    assertFalse(s.stalled(0.95)); // not better by tol: 1
    assertFalse(s.stalled(0.5)); // better: 0
    assertFalse(s.stalled(0.45)); // 1 (best becomes 0.45)
    assertFalse(s.stalled(0.44)); // 2
    assertTrue(s.stalled(0.60)); // 3 > patience 2
    assertTrue(s.stopped());
  }

  @Test
  void batchesCoverEveryImageOnce() {
    assertArrayEquals(new int[] {0, 10, 20, 25}, EpochData.bounds(25, 10));
    assertArrayEquals(new int[] {0, 7}, EpochData.bounds(7, 10));
    int[] p = EpochData.permutation(50, new SplittableRandom(3));
    assertArrayEquals(p, EpochData.permutation(50, new SplittableRandom(3)));
    assertNotEquals(
        Arrays.toString(p), Arrays.toString(EpochData.permutation(50, new SplittableRandom(4))));
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 50; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Test
  void scikitLearnsBatchSize() {
    Training auto =
        new Training(
            "adam", 0.001, 0, false, 0, 0.9, 0.999, 1e-8, "constant", 0, 10, 0, false, 0, false, 1);
    assertEquals(100, auto.batchFor(100));
    assertEquals(200, auto.batchFor(900));
    assertEquals(10, schedule("constant", 0, 1).batchFor(900));
    assertEquals(5, schedule("constant", 0, 1).batchFor(5));
  }
}
