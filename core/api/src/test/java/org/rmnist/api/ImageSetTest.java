package org.rmnist.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageSetTest {
  private final ImageShape shape = new ImageShape(1, 1, 2);
  private final ImageSet set =
      new ImageSet(
          new float[] {0, 1, 2, 3, 4, 5}, new int[] {7, 8, 9}, shape, new int[] {100, 101, 102});

  @Test
  void selectKeepsLabelsAndSourcesInOrder() {
    ImageSet s = set.select(new int[] {2, 0});
    assertArrayEquals(new float[] {4, 5, 0, 1}, s.pixels());
    assertArrayEquals(new int[] {9, 7}, s.labels());
    assertArrayEquals(new int[] {102, 100}, s.sourceIndices());
  }

  @Test
  void concatAppends() {
    ImageSet c = set.concat(set.select(new int[] {1}));
    assertEquals(4, c.size());
    assertArrayEquals(new float[] {2, 3}, c.image(3));
    assertArrayEquals(new int[] {100, 101, 102, 101}, c.sourceIndices());
  }

  @Test
  void inconsistentArraysAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ImageSet(new float[5], new int[3], shape, new int[3]));
    assertEquals("pixels hold 5 values, expected 3 images of 1x1x2 = 6", e.getMessage());
  }

  @Test
  void predictionsScoreAndCount() {
    Predictions p = new Predictions(new float[] {0.2f, 0.8f, 0.9f, 0.1f, 0.5f, 0.5f}, 2);
    int[] labels = {1, 1, 0};
    assertEquals(2.0 / 3, p.accuracy(labels), 1e-12);
    assertArrayEquals(new int[][] {{1, 0}, {1, 1}}, p.confusion(labels));
    assertEquals(0, p.argmax(2), "ties go to the lower class");
  }
}
