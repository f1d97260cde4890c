package org.rmnist.plugins.baselines;

import java.util.stream.IntStream;

/**
 * Exact brute-force k nearest neighbours by Euclidean distance, voting uniformly.
 *
 * <p>Squared distances are {@code |q|^2 + |t|^2 - 2 q.t} in double precision with the dot product
 * over the training image's non-zero pixels; for pixels {@code byte/256} every term is a multiple
 * of 2^-16 and the result is exact. Among equally distant images the lowest training index wins,
 * and a tied vote goes to the lowest class (scikit-learn's brute-force {@code
 * KNeighborsClassifier}).
 */
final class NearestNeighbours {
  /** Queries handled together, sharing each read of a training image. */
  private static final int BLOCK = 8;

  private final int k;
  private final int classes;
  private final int pixels;
  private final float[] train;
  private final int[] labels;
  private final double[] norms;
  private final int[] rowStart;
  private final int[] nzPixel;
  private final double[] nzValue;

  /**
   * @param train row-major training pixels, {@code pixels} per image (kept, not copied)
   * @param labels training labels in [0, classes)
   */
  NearestNeighbours(int k, int classes, int pixels, float[] train, int[] labels) {
    this.k = k;
    this.classes = classes;
    this.pixels = pixels;
    this.train = train;
    this.labels = labels;
    int n = labels.length;
    norms = new double[n];
    rowStart = new int[n + 1];
    int nz = 0;
    for (float v : train) {
      nz += v != 0 ? 1 : 0;
    }
    nzPixel = new int[nz];
    nzValue = new double[nz];
    int at = 0;
    for (int i = 0; i < n; i++) {
      rowStart[i] = at;
      for (int p = 0; p < pixels; p++) {
        double v = train[i * pixels + p];
        if (v != 0) {
          nzPixel[at] = p;
          nzValue[at++] = v;
          norms[i] += v * v;
        }
      }
    }
    rowStart[n] = at;
  }

  int k() {
    return k;
  }

  int classes() {
    return classes;
  }

  int pixels() {
    return pixels;
  }

  float[] train() {
    return train;
  }

  int[] labels() {
    return labels;
  }

  /** Vote shares ({@code classes} per image) for {@code count} images starting in {@code x}. */
  float[] predict(float[] x, int count) {
    float[] p = new float[count * classes];
    IntStream.range(0, (count + BLOCK - 1) / BLOCK)
        .parallel()
        .forEach(
            block -> {
              int from = block * BLOCK;
              int[][] nearest = nearest(x, from, Math.min(BLOCK, count - from));
              for (int b = 0; b < nearest.length; b++) {
                int[] votes = new int[classes];
                for (int j : nearest[b]) {
                  votes[labels[j]]++;
                }
                for (int c = 0; c < classes; c++) {
                  p[(from + b) * classes + c] = (float) votes[c] / k;
                }
              }
            });
    return p;
  }

  /** Training indices of the k nearest images, nearest first, lower index first among equals. */
  int[] nearest(float[] x, int image) {
    return nearest(x, image, 1)[0];
  }

  /**
   * {@link #nearest(float[], int)} for {@code count <= BLOCK} consecutive images from {@code
   * first}: each training image's non-zero pixels are read once for the whole block (a sparse-dense
   * matrix product); every (query, training image) dot product still sums the same terms in the
   * same order.
   */
  private int[][] nearest(float[] x, int first, int count) {
    double[] q = new double[pixels * BLOCK]; // pixel-major: q[p * BLOCK + b]
    double[] qNorm = new double[BLOCK];
    for (int b = 0; b < count; b++) {
      for (int p = 0; p < pixels; p++) {
        double v = x[(first + b) * pixels + p];
        q[p * BLOCK + b] = v;
        qNorm[b] += v * v;
      }
    }
    double[][] bestD = new double[count][k];
    int[][] bestI = new int[count][k];
    double[] dot = new double[BLOCK];
    for (int j = 0; j < labels.length; j++) {
      java.util.Arrays.fill(dot, 0);
      for (int t = rowStart[j]; t < rowStart[j + 1]; t++) {
        int base = nzPixel[t] * BLOCK;
        double v = nzValue[t];
        for (int b = 0; b < BLOCK; b++) {
          dot[b] += q[base + b] * v;
        }
      }
      for (int b = 0; b < count; b++) {
        insert(bestD[b], bestI[b], Math.min(j, k), qNorm[b] + norms[j] - 2 * dot[b], j);
      }
    }
    return bestI;
  }

  /** Puts (dist, j) into the sorted best lists holding {@code found} entries; equals stay first. */
  private static void insert(double[] bestD, int[] bestI, int found, double dist, int j) {
    int k = bestD.length;
    if (found == k && !(dist < bestD[k - 1])) {
      return;
    }
    int at = Math.min(found, k - 1);
    while (at > 0 && dist < bestD[at - 1]) {
      bestD[at] = bestD[at - 1];
      bestI[at] = bestI[at - 1];
      at--;
    }
    bestD[at] = dist;
    bestI[at] = j;
  }
}
