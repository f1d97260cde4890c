package org.rmnist.plugins.supertrain;

import java.util.List;
import java.util.stream.IntStream;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.support.GaussianBlur;

/**
 * The vectors a builder compares images by: one row of {@link #dim} floats per pool image, with
 * squared Euclidean distances and per-class means.
 */
final class Space {
  /** The spaces a builder can work in. */
  static final List<String> KINDS = List.of("pixels", "blur", "features");

  final float[] x;
  final int dim;
  final float[] norms;

  private Space(float[] x, int dim) {
    this.x = x;
    this.dim = dim;
    int n = x.length / dim;
    this.norms = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += (double) x[i * dim + j] * x[i * dim + j];
      }
      norms[i] = (float) s;
    }
  }

  /** The pool in space {@code kind}: pixels, pixels blurred by {@code sigma}, or its features. */
  static Space of(BuildRequest request, String kind, double sigma) {
    ImageSet pool = request.pool();
    return switch (kind) {
      case "pixels" -> new Space(pool.pixels(), pool.shape().size());
      case "blur" -> new Space(blurred(pool, sigma), pool.shape().size());
      case "features" -> {
        ImageSet f =
            request
                .poolFeatures()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "space: features, but the data set's build section names no "
                                + "features (give build.features)"));
        yield new Space(f.pixels(), f.shape().size());
      }
      default ->
          throw new IllegalArgumentException(
              "space: unknown value '" + kind + "', expected one of " + KINDS);
    };
  }

  private static float[] blurred(ImageSet pool, double sigma) {
    GaussianBlur blur = new GaussianBlur(sigma);
    ImageShape s = pool.shape();
    float[] out = pool.pixels().clone();
    int plane = s.height() * s.width();
    IntStream.range(0, pool.size())
        .parallel()
        .forEach(
            i -> {
              float[] tmp = new float[plane];
              for (int c = 0; c < s.channels(); c++) {
                blur.plane(out, i * s.size() + c * plane, s.height(), s.width(), tmp);
              }
            });
    return out;
  }

  /** Squared distance between rows {@code a} and {@code b}. */
  float distance(int a, int b) {
    double dot = 0;
    int oa = a * dim;
    int ob = b * dim;
    for (int j = 0; j < dim; j++) {
      dot += (double) x[oa + j] * x[ob + j];
    }
    return (float) Math.max(0, norms[a] + norms[b] - 2 * dot);
  }

  /** Squared distance between row {@code a} and the vector {@code v} of squared norm {@code vv}. */
  float distance(int a, float[] v, double vv) {
    double dot = 0;
    int oa = a * dim;
    for (int j = 0; j < dim; j++) {
      dot += (double) x[oa + j] * v[j];
    }
    return (float) Math.max(0, norms[a] + vv - 2 * dot);
  }

  /** The mean of the given rows. */
  float[] mean(int[] rows) {
    double[] sum = new double[dim];
    for (int r : rows) {
      for (int j = 0; j < dim; j++) {
        sum[j] += x[r * dim + j];
      }
    }
    float[] m = new float[dim];
    for (int j = 0; j < dim; j++) {
      m[j] = (float) (sum[j] / rows.length);
    }
    return m;
  }

  static double squaredNorm(float[] v) {
    double s = 0;
    for (float f : v) {
      s += (double) f * f;
    }
    return s;
  }
}
