package org.rmnist.host.run;

import java.util.stream.IntStream;
import org.rmnist.api.ImageSet;
import org.rmnist.api.UnlabelledImages;

/**
 * For each labelled image, the pool images nearest it in a feature space (cosine similarity, exact
 * brute force): a picture a reader can check, since the pool's labels are never read.
 */
public final class Neighbours {
  private Neighbours() {}

  /**
   * The {@code count} images of {@code pool} whose vectors in {@code poolVectors} are most
   * cosine-similar to each vector of {@code queries}, most similar first, as one set whose label is
   * the query's position (so {@link Preview#classRows} draws one query per row).
   */
  public static ImageSet nearest(
      ImageSet queries, UnlabelledImages poolVectors, UnlabelledImages pool, int count) {
    int d = queries.shape().size();
    if (poolVectors.shape().size() != d) {
      throw new IllegalArgumentException(
          "pool vectors have " + poolVectors.shape().size() + " values, queries " + d);
    }
    if (poolVectors.size() != pool.size()) {
      throw new IllegalArgumentException(
          poolVectors.size() + " pool vectors for " + pool.size() + " pool images");
    }
    if (count < 1 || count > pool.size()) {
      throw new IllegalArgumentException(
          "count: " + count + " neighbours asked for, the pool holds " + pool.size());
    }
    double[] norms = new double[pool.size()];
    for (int j = 0; j < pool.size(); j++) {
      norms[j] = Math.sqrt(dot(poolVectors.pixels(), j * d, poolVectors.pixels(), j * d, d));
    }
    int[][] best = new int[queries.size()][];
    IntStream.range(0, queries.size())
        .parallel()
        .forEach(
            q -> {
              double qn = Math.sqrt(dot(queries.pixels(), q * d, queries.pixels(), q * d, d));
              double[] sim = new double[pool.size()];
              for (int j = 0; j < pool.size(); j++) {
                double denominator = qn * norms[j];
                sim[j] =
                    denominator > 0
                        ? dot(queries.pixels(), q * d, poolVectors.pixels(), j * d, d) / denominator
                        : -1;
              }
              best[q] =
                  IntStream.range(0, pool.size())
                      .boxed()
                      .sorted((a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : a - b)
                      .limit(count)
                      .mapToInt(Integer::intValue)
                      .toArray();
            });
    int s = pool.shape().size();
    float[] px = new float[queries.size() * count * s];
    int[] rows = new int[queries.size() * count];
    int[] src = new int[queries.size() * count];
    for (int q = 0; q < queries.size(); q++) {
      for (int k = 0; k < count; k++) {
        int at = q * count + k;
        System.arraycopy(pool.pixels(), best[q][k] * s, px, at * s, s);
        rows[at] = q;
        src[at] = pool.sourceIndices()[best[q][k]];
      }
    }
    return new ImageSet(px, rows, pool.shape(), src);
  }

  private static double dot(float[] a, int ai, float[] b, int bi, int len) {
    double sum = 0;
    for (int t = 0; t < len; t++) {
      sum += (double) a[ai + t] * b[bi + t];
    }
    return sum;
  }
}
