package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-NN against a plain double-precision reference, and its tie rules. */
class NearestNeighboursTest {

  @Test
  void equallyDistantImagesGoToTheLowestTrainingIndex() {
    float[] train = {0.5f, 0.5f, 0.5f, 0.5f, 0, 1};
    float[] query = {0.5f, 0.5f};
    assertEquals(7, label(new NearestNeighbours(1, 8, 2, train, new int[] {7, 3, 1}), query));
    assertEquals(3, label(new NearestNeighbours(1, 8, 2, train, new int[] {3, 7, 1}), query));
    NearestNeighbours three = new NearestNeighbours(2, 8, 2, train, new int[] {7, 3, 1});
    assertArrayEquals(new int[] {0, 1}, three.nearest(query, 0));
    // a distance tie between two different images, too
    float[] ring = {1, 0, 0, 1};
    assertEquals(5, label(new NearestNeighbours(1, 8, 2, ring, new int[] {5, 2}), new float[2]));
  }

  private static int label(NearestNeighbours knn, float[] query) {
    return knn.labels()[knn.nearest(query, 0)[0]];
  }

  @Test
  void aTiedVoteGoesToTheLowestClass() {
    float[] train = {0, 0, 0.1f, 0, 5, 5};
    NearestNeighbours knn = new NearestNeighbours(2, 4, 2, train, new int[] {3, 1, 0});
    assertArrayEquals(new float[] {0, 0.5f, 0, 0.5f}, knn.predict(new float[2], 1));
  }

  @Test
  void matchesBruteForceReference() {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 60;
    int d = 30;
    float[] train = new float[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < train.length; i++) {
      train[i] = rng.nextInt(4) == 0 ? rng.nextInt(256) / 256f : 0;
    }
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(5);
    }
    NearestNeighbours knn = new NearestNeighbours(3, 5, d, train, labels);
    int queries = 43; // not a multiple of the block size
    float[] all = new float[queries * d];
    for (int i = 0; i < all.length; i++) {
      all[i] = rng.nextInt(3) == 0 ? rng.nextInt(256) / 256f : 0;
    }
    float[] shares = knn.predict(all, queries);
    for (int q = 0; q < queries; q++) {
      float[] x = java.util.Arrays.copyOfRange(all, q * d, (q + 1) * d);
      int[] expected = reference(x, train, d, 3);
      assertArrayEquals(expected, knn.nearest(all, q), "query " + q);
      float[] votes = new float[5];
      for (int j : expected) {
        votes[labels[j]] += 1f / 3;
      }
      assertArrayEquals(votes, java.util.Arrays.copyOfRange(shares, q * 5, q * 5 + 5), 1e-6f);
    }
  }

  private static int[] reference(float[] x, float[] train, int d, int k) {
    int n = train.length / d;
    Integer[] order = new Integer[n];
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      for (int p = 0; p < d; p++) {
        double diff = (double) x[p] - train[i * d + p];
        dist[i] += diff * diff;
      }
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            dist[a] != dist[b]
                ? Double.compare(dist[a], dist[b])
                : Integer.compare(a, b)); // stable: lower index first among equals
    int[] best = new int[k];
    for (int i = 0; i < k; i++) {
      best[i] = order[i];
    }
    return best;
  }
}
