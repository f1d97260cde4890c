package org.rmnist.plugins.supertrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;

/** The selection rules on points whose answers are known. */
class ChosenTest {
  /** One class of 2-D points (as 1 × 1 × 2 "images"). */
  private static Space points(float... xy) {
    int n = xy.length / 2;
    ImageSet set = new ImageSet(xy, new int[n], new ImageShape(2, 1, 1), new int[n]);
    return Space.of(new BuildRequest(set, Optional.empty(), 1, 2, new Seed(0)), "pixels", 1);
  }

  private static final int[] ALL = {0, 1, 2, 3, 4};

  // mean (0, 0): points at distance 1, 2, 3, 4 and 0.5
  private final Space s = points(1, 0, -2, 0, 0, 3, 0, -4, 0.5f, 0);

  @Test
  void prototypesAreTheNearestToTheMean() {
    // mean of the five = (-0.1, -0.2)
    assertArrayEquals(new int[] {4, 0, 1}, Chosen.prototypes(s, ALL, 3));
  }

  @Test
  void herdingMatchesTheMeanBetterThanPrototypes() {
    int[] herd = Chosen.herding(s, ALL, 2);
    int[] proto = Chosen.prototypes(s, ALL, 2);
    assertEquals(4, herd[0], "the first herding pick is the prototype");
    float[] mean = s.mean(ALL);
    double herdError = error(s.mean(herd), mean);
    double protoError = error(s.mean(proto), mean);
    assertTrue(
        herdError < protoError,
        "herding's mean error " + herdError + " should be below the prototypes' " + protoError);
    // (0.5, 0) then the point that pulls the mean back: (-2, 0) gives (-0.75, 0)
    assertArrayEquals(new int[] {4, 1}, herd);
  }

  @Test
  void kCenterTakesTheFarthestPointEachTime() {
    // from (0.5, 0): farthest is (0, -4); then the farthest from both is (0, 3)
    assertArrayEquals(new int[] {4, 3, 2}, Chosen.kCenter(s, ALL, 3, 4));
  }

  @Test
  void kCenterNeverTakesAPointTwiceEvenAmongDuplicates() {
    Space same = points(1, 1, 1, 1, 1, 1);
    int[] chosen = Chosen.kCenter(same, new int[] {0, 1, 2}, 3, 0);
    assertEquals(3, java.util.Arrays.stream(chosen).distinct().count());
  }

  private static double error(float[] a, float[] b) {
    double e = 0;
    for (int i = 0; i < a.length; i++) {
      e += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return e;
  }
}
