package org.rmnist.plugins.supertrain;

import java.util.Arrays;
import java.util.Map;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;

/** The algorithms that choose pool positions per class, and the set they make. */
final class Chosen {
  private Chosen() {}

  /** The pool images at {@code perClass[c]} for every class c, ordered by class. */
  static BuiltSet set(BuildRequest request, int[][] perClass, Map<String, Object> facts) {
    int[] all = Arrays.stream(perClass).flatMapToInt(Arrays::stream).toArray();
    return new BuiltSet(request.pool().select(all), facts);
  }

  /** The {@code n} rows of {@code rows} nearest to their mean, nearest first. */
  static int[] prototypes(Space s, int[] rows, int n) {
    float[] mean = s.mean(rows);
    double mm = Space.squaredNorm(mean);
    float[] d = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      d[i] = s.distance(rows[i], mean, mm);
    }
    return smallest(rows, d, n);
  }

  /**
   * Herding (Welling 2009, as iCaRL uses it): greedily the row that brings the mean of the chosen
   * rows closest to the mean of all {@code rows}.
   */
  static int[] herding(Space s, int[] rows, int n) {
    float[] mean = s.mean(rows);
    double[] sum = new double[s.dim];
    boolean[] taken = new boolean[rows.length];
    int[] chosen = new int[n];
    float[] target = new float[s.dim];
    for (int t = 1; t <= n; t++) {
      // minimise |mean - (sum + x)/t|^2 = |t*mean - sum - x|^2 / t^2
      for (int j = 0; j < s.dim; j++) {
        target[j] = (float) (t * mean[j] - sum[j]);
      }
      double tt = Space.squaredNorm(target);
      int best = -1;
      float bestD = Float.POSITIVE_INFINITY;
      for (int i = 0; i < rows.length; i++) {
        if (!taken[i]) {
          float d = s.distance(rows[i], target, tt);
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        }
      }
      taken[best] = true;
      chosen[t - 1] = rows[best];
      for (int j = 0; j < s.dim; j++) {
        sum[j] += s.x[rows[best] * s.dim + j];
      }
    }
    return chosen;
  }

  /**
   * k-center greedy (Sener & Savarese 2018): from {@code first}, repeatedly the row farthest from
   * every row chosen so far.
   */
  static int[] kCenter(Space s, int[] rows, int n, int first) {
    float[] nearest = new float[rows.length];
    Arrays.fill(nearest, Float.POSITIVE_INFINITY);
    boolean[] taken = new boolean[rows.length];
    int[] chosen = new int[n];
    int next = first;
    for (int t = 0; t < n; t++) {
      chosen[t] = rows[next];
      taken[next] = true;
      int far = -1;
      float farD = -1;
      for (int i = 0; i < rows.length; i++) {
        nearest[i] = Math.min(nearest[i], s.distance(rows[i], rows[next]));
        if (!taken[i] && nearest[i] > farD) {
          farD = nearest[i];
          far = i;
        }
      }
      next = far;
    }
    return chosen;
  }

  /** k-center greedy started from the row nearest to the mean of {@code rows}. */
  static int[] kCenterFromMean(Space s, int[] rows, int n) {
    int nearest = prototypes(s, rows, 1)[0];
    int first = 0;
    while (rows[first] != nearest) {
      first++;
    }
    return kCenter(s, rows, n, first);
  }

  /** The {@code n} entries of {@code rows} with the smallest {@code key}, smallest first. */
  static int[] smallest(int[] rows, float[] key, int n) {
    Integer[] order = new Integer[rows.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> key[a] != key[b] ? Float.compare(key[a], key[b]) : a - b);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = rows[order[i]];
    }
    return out;
  }
}
