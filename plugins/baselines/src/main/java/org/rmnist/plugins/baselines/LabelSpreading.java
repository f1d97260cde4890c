package org.rmnist.plugins.baselines;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Label spreading (Zhou, Bousquet, Lal, Weston and Schölkopf, "Learning with local and global
 * consistency", NIPS 2003) on a symmetric k-NN graph of labelled and unlabelled vectors: weights
 * {@code exp(-d^2 / sigma^2)} with {@code sigma^2} the mean squared distance to the k-th neighbour,
 * {@code S = D^-1/2 W D^-1/2}, then {@code F <- alpha S F + (1 - alpha) Y} from the one-hot labels
 * {@code Y}. A new vector gets the heat-weighted mean of its k nearest nodes' normalised scores.
 * Neighbours are exact (brute force over every node).
 */
final class LabelSpreading {
  private final int k;
  private final int classes;
  private final int dims;
  private final float[] nodes;
  private final double[] norms;
  private final float[] scores;
  private final double sigma2;

  LabelSpreading(int k, int classes, int dims, float[] nodes, float[] scores, double sigma2) {
    this.k = k;
    this.classes = classes;
    this.dims = dims;
    this.nodes = nodes;
    this.scores = scores;
    this.sigma2 = sigma2;
    int n = nodes.length / dims;
    this.norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = dot(nodes, i * dims, nodes, i * dims, dims);
    }
  }

  /**
   * Spreads {@code labels} (-1 for an unlabelled node) over the graph of {@code nodes} ({@code
   * dims} values each).
   */
  static LabelSpreading fit(
      LabelPropagationConfig c, float[] nodes, int dims, int[] labels, int classes) {
    int n = labels.length;
    int k = Math.min(c.k(), n - 1);
    if (k < 1) {
      throw new IllegalArgumentException("label spreading needs at least 2 images, got " + n);
    }
    LabelSpreading graph = new LabelSpreading(k, classes, dims, nodes, new float[0], 1);
    int[][] near = new int[n][];
    double[][] dist = new double[n][];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              int[] idx = new int[k];
              double[] d2 = new double[k];
              graph.nearest(nodes, i * dims, graph.norms[i], i, idx, d2);
              near[i] = idx;
              dist[i] = d2;
            });
    double sigma2 = 0;
    for (int i = 0; i < n; i++) {
      sigma2 += dist[i][k - 1];
    }
    sigma2 = Math.max(sigma2 / n, 1e-12);
    // symmetric weights: an edge either end chose, with its heat weight (the same both ways)
    long[] keys = new long[2 * n * k];
    double[] weights = new double[2 * n * k];
    int e = 0;
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        double w = Math.exp(-dist[i][t] / sigma2);
        int j = near[i][t];
        keys[e] = (long) i * n + j;
        weights[e++] = w;
        keys[e] = (long) j * n + i;
        weights[e++] = w;
      }
    }
    Integer[] order = new Integer[e];
    for (int t = 0; t < e; t++) {
      order[t] = t;
    }
    Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
    int[] rowStart = new int[n + 1];
    int[] col = new int[e];
    double[] val = new double[e];
    int m = 0;
    long last = -1;
    for (int t = 0; t < e; t++) {
      long key = keys[order[t]];
      if (key == last) {
        continue; // an edge both ends chose: the same weight twice
      }
      last = key;
      int i = (int) (key / n);
      col[m] = (int) (key % n);
      val[m++] = weights[order[t]];
      rowStart[i + 1] = m;
    }
    for (int i = 1; i <= n; i++) {
      rowStart[i] = Math.max(rowStart[i], rowStart[i - 1]);
    }
    double[] degree = new double[n];
    for (int i = 0; i < n; i++) {
      for (int t = rowStart[i]; t < rowStart[i + 1]; t++) {
        degree[i] += val[t];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int t = rowStart[i]; t < rowStart[i + 1]; t++) {
        val[t] /= Math.sqrt(degree[i] * degree[col[t]]);
      }
    }
    double[] y = new double[n * classes];
    for (int i = 0; i < n; i++) {
      if (labels[i] >= 0) {
        y[i * classes + labels[i]] = 1;
      }
    }
    double[] f = y.clone();
    double[] next = new double[f.length];
    for (int it = 0; it < c.iterations(); it++) {
      for (int i = 0; i < n; i++) {
        for (int q = 0; q < classes; q++) {
          double s = 0;
          for (int t = rowStart[i]; t < rowStart[i + 1]; t++) {
            s += val[t] * f[col[t] * classes + q];
          }
          next[i * classes + q] = c.alpha() * s + (1 - c.alpha()) * y[i * classes + q];
        }
      }
      double[] swap = f;
      f = next;
      next = swap;
    }
    float[] scores = new float[n * classes];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int q = 0; q < classes; q++) {
        sum += f[i * classes + q];
      }
      for (int q = 0; q < classes; q++) {
        scores[i * classes + q] = (float) (sum > 0 ? f[i * classes + q] / sum : 1.0 / classes);
      }
    }
    return new LabelSpreading(k, classes, dims, nodes, scores, sigma2);
  }

  int k() {
    return k;
  }

  int classes() {
    return classes;
  }

  int dims() {
    return dims;
  }

  float[] nodes() {
    return nodes;
  }

  /** The nodes' spread scores, each row a distribution over the classes. */
  float[] scores() {
    return scores;
  }

  double sigma2() {
    return sigma2;
  }

  /** Class probabilities of {@code count} vectors from {@code x}. */
  float[] predict(float[] x, int count) {
    float[] p = new float[count * classes];
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              int[] idx = new int[k];
              double[] d2 = new double[k];
              nearest(x, i * dims, dot(x, i * dims, x, i * dims, dims), -1, idx, d2);
              double total = 0;
              double[] s = new double[classes];
              for (int t = 0; t < k; t++) {
                // relative to the nearest, so a far query keeps its weights out of underflow
                double w = Math.exp(-(d2[t] - d2[0]) / sigma2);
                total += w;
                for (int q = 0; q < classes; q++) {
                  s[q] += w * scores[idx[t] * classes + q];
                }
              }
              for (int q = 0; q < classes; q++) {
                p[i * classes + q] = (float) (s[q] / total);
              }
            });
    return p;
  }

  /**
   * The k nodes nearest the vector at {@code x[from..]} (squared norm {@code norm}), skipping node
   * {@code self}; nearest first, lower index first among equals.
   */
  private void nearest(float[] x, int from, double norm, int self, int[] idx, double[] d2) {
    Arrays.fill(d2, Double.POSITIVE_INFINITY);
    Arrays.fill(idx, -1);
    int n = norms.length;
    for (int j = 0; j < n; j++) {
      if (j == self) {
        continue;
      }
      double d = Math.max(0, norm + norms[j] - 2 * dot(x, from, nodes, j * dims, dims));
      if (d < d2[k - 1]) {
        int at = k - 1;
        while (at > 0 && d < d2[at - 1]) {
          d2[at] = d2[at - 1];
          idx[at] = idx[at - 1];
          at--;
        }
        d2[at] = d;
        idx[at] = j;
      }
    }
  }

  private static double dot(float[] a, int ai, float[] b, int bi, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int t = 0;
    for (; t + 3 < len; t += 4) {
      s0 += a[ai + t] * b[bi + t];
      s1 += a[ai + t + 1] * b[bi + t + 1];
      s2 += a[ai + t + 2] * b[bi + t + 2];
      s3 += a[ai + t + 3] * b[bi + t + 3];
    }
    for (; t < len; t++) {
      s0 += a[ai + t] * b[bi + t];
    }
    return (double) s0 + s1 + s2 + s3;
  }
}
