package org.rmnist.plugins.baselines;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * Grows one CART tree (Gini impurity) with scikit-learn's rules, so that Nielsen's tree and forest
 * numbers can be reproduced: at each node features are drawn in random order until {@code
 * maxFeatures} have been looked at and at least one of them varies within the node (features known
 * to be constant are skipped); the first strictly best split wins, so ties go to a random feature;
 * thresholds are midpoints; nodes split until pure, {@code maxDepth} or one sample.
 *
 * <p>Samples carry integer weights (bootstrap counts; 0 leaves a sample out).
 */
final class CartBuilder {
  /** scikit-learn's FEATURE_THRESHOLD: values closer than this count as equal. */
  private static final double SAME = 1e-7;

  /** Impurities at or below this are pure (numpy's double epsilon, as scikit-learn). */
  private static final double PURE = Math.ulp(1.0);

  private final float[] x;
  private final int[] y;
  private final int d;
  private final int classes;
  private final int maxDepth;
  private final int maxFeatures;

  private int[] samples;
  private double[] weight;
  private long[] keys;
  private final NodeList out;

  /** A node waiting to be split: its samples {@code [start, end)} and its constant features. */
  private record Pending(int id, int start, int end, int depth, int[] features, int constants) {}

  /** The best split found at a node, and the feature order its children inherit. */
  private record Split(int feature, double threshold, int[] features, int constants) {}

  /**
   * @param x row-major pixels, {@code d} per image
   * @param y labels in [0, classes)
   * @param maxDepth deepest split level, {@link Integer#MAX_VALUE} for none
   * @param maxFeatures features to look at per split, in [1, d]
   */
  CartBuilder(float[] x, int[] y, int d, int classes, int maxDepth, int maxFeatures) {
    this.x = x;
    this.y = y;
    this.d = d;
    this.classes = classes;
    this.maxDepth = maxDepth;
    this.maxFeatures = maxFeatures;
    this.out = new NodeList(classes);
  }

  /** Grows a tree on the samples with positive {@code counts} (null: every sample once). */
  Tree grow(int[] counts, SplittableRandom rng) {
    int n = y.length;
    samples = new int[n];
    weight = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      int w = counts == null ? 1 : counts[i];
      if (w > 0) {
        samples[m] = i;
        weight[i] = w;
        m++;
      }
    }
    keys = new long[m];
    int[] features = new int[d];
    Arrays.setAll(features, f -> f);
    out.clear();
    Deque<Pending> stack = new ArrayDeque<>();
    stack.push(new Pending(out.add(), 0, m, 0, features, 0));
    while (!stack.isEmpty()) {
      Pending node = stack.pop();
      double[] dist = classWeights(node.start, node.end);
      Split split = null;
      if (node.depth < maxDepth && node.end - node.start >= 2 && gini(dist) > PURE) {
        split = bestSplit(node, dist, rng);
      }
      if (split == null) {
        out.leaf(node.id, dist);
        continue;
      }
      int mid = partition(node.start, node.end, split.feature, split.threshold);
      int left = out.add();
      int right = out.add();
      out.split(node.id, split.feature, split.threshold, left, right);
      stack.push(
          new Pending(
              right, mid, node.end, node.depth + 1, split.features.clone(), split.constants));
      stack.push(
          new Pending(left, node.start, mid, node.depth + 1, split.features, split.constants));
    }
    return out.toTree();
  }

  private Split bestSplit(Pending node, double[] total, SplittableRandom rng) {
    int[] f = node.features.clone();
    int known = node.constants;
    int drawn = 0;
    int found = 0;
    int visited = 0;
    int unseen = d; // f[unseen..d) have been evaluated
    int bestFeature = -1;
    double bestThreshold = 0;
    double bestProxy = Double.NEGATIVE_INFINITY;
    double[] left = new double[classes];
    while (unseen > known + found && (visited < maxFeatures || visited <= found + drawn)) {
      visited++;
      int j = drawn + rng.nextInt(unseen - found - drawn);
      if (j < known) {
        swap(f, drawn++, j);
        continue;
      }
      j += found;
      int feature = f[j];
      int m = sortBy(feature, node.start, node.end);
      if (value(m - 1, feature) <= value(0, feature) + SAME) {
        swap(f, j, known + found++);
        continue;
      }
      swap(f, --unseen, j);
      Arrays.fill(left, 0);
      double wLeft = 0;
      int moved = 0;
      int p = 0;
      while (p < m) {
        while (p + 1 < m && value(p + 1, feature) <= value(p, feature) + SAME) {
          p++;
        }
        p++;
        if (p >= m) {
          break;
        }
        for (; moved < p; moved++) {
          int s = sample(moved);
          left[y[s]] += weight[s];
          wLeft += weight[s];
        }
        double proxy = proxy(left, wLeft, total);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = feature;
          double lo = value(p - 1, feature);
          double hi = value(p, feature);
          bestThreshold = lo / 2.0 + hi / 2.0;
          if (bestThreshold == hi || Double.isInfinite(bestThreshold)) {
            bestThreshold = lo;
          }
        }
      }
    }
    return bestFeature < 0 ? null : new Split(bestFeature, bestThreshold, f, known + found);
  }

  /** Sorts the node's samples by {@code feature} into {@link #keys}; returns their count. */
  private int sortBy(int feature, int start, int end) {
    int m = end - start;
    for (int i = 0; i < m; i++) {
      int s = samples[start + i];
      int bits = Float.floatToIntBits(x[s * d + feature]);
      int sortable = bits ^ ((bits >> 31) & 0x7FFFFFFF); // orders like the float
      keys[i] = ((long) sortable << 32) | s;
    }
    Arrays.sort(keys, 0, m);
    return m;
  }

  private int sample(int sorted) {
    return (int) keys[sorted];
  }

  private double value(int sorted, int feature) {
    return x[sample(sorted) * d + feature];
  }

  /** Gini's proxy improvement: {@code sum_l^2/w_l + sum_r^2/w_r} (larger is better). */
  private double proxy(double[] left, double wLeft, double[] total) {
    double sqLeft = 0;
    double sqRight = 0;
    double wRight = 0;
    for (int c = 0; c < classes; c++) {
      double r = total[c] - left[c];
      sqLeft += left[c] * left[c];
      sqRight += r * r;
      wRight += r;
    }
    return sqLeft / wLeft + sqRight / wRight;
  }

  private int partition(int start, int end, int feature, double threshold) {
    int i = start;
    int j = end;
    while (i < j) {
      if (x[samples[i] * d + feature] <= threshold) {
        i++;
      } else {
        swap(samples, i, --j);
      }
    }
    return i;
  }

  private double[] classWeights(int start, int end) {
    double[] w = new double[classes];
    for (int i = start; i < end; i++) {
      w[y[samples[i]]] += weight[samples[i]];
    }
    return w;
  }

  private static double gini(double[] dist) {
    double total = 0;
    double sq = 0;
    for (double w : dist) {
      total += w;
      sq += w * w;
    }
    return 1 - sq / (total * total);
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
