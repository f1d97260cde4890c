package org.rmnist.plugins.baselines;

import java.util.stream.IntStream;
import org.rmnist.api.ImageShape;

/**
 * What {@code knn} does to every image before measuring distances: an optional Gaussian blur (std
 * {@code blur} pixels, per channel, zero outside) and, for the cosine metric, scaling to unit
 * length, after which Euclidean order equals cosine order.
 *
 * @param blur Gaussian std in pixels; 0 = none
 * @param cosine whether to scale each image to unit L2 norm
 */
record KnnPrepare(double blur, boolean cosine) {

  boolean isIdentity() {
    return blur == 0 && !cosine;
  }

  /** A prepared copy of {@code count} images (the input is not modified). */
  float[] apply(float[] pixels, int count, ImageShape shape) {
    if (isIdentity()) {
      return pixels;
    }
    int size = shape.size();
    float[] out = new float[count * size];
    float[] kernel = blur > 0 ? kernel(blur) : null;
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              float[] tmp = new float[size];
              System.arraycopy(pixels, i * size, out, i * size, size);
              if (kernel != null) {
                for (int c = 0; c < shape.channels(); c++) {
                  int off = i * size + c * shape.height() * shape.width();
                  blurRows(out, off, tmp, shape.height(), shape.width(), kernel);
                  blurCols(tmp, out, off, shape.height(), shape.width(), kernel);
                }
              }
              if (cosine) {
                double ss = 0;
                for (int p = 0; p < size; p++) {
                  ss += (double) out[i * size + p] * out[i * size + p];
                }
                double inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
                for (int p = 0; p < size; p++) {
                  out[i * size + p] = (float) (out[i * size + p] * inv);
                }
              }
            });
    return out;
  }

  private static float[] kernel(double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int d = -r; d <= r; d++) {
      k[d + r] = (float) Math.exp(-d * d / (2 * sigma * sigma));
      sum += k[d + r];
    }
    for (int j = 0; j < k.length; j++) {
      k[j] /= (float) sum;
    }
    return k;
  }

  private static void blurRows(float[] src, int off, float[] dst, int h, int w, float[] k) {
    int r = k.length / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int d = Math.max(-r, -x); d <= Math.min(r, w - 1 - x); d++) {
          s += k[d + r] * src[off + y * w + x + d];
        }
        dst[y * w + x] = s;
      }
    }
  }

  private static void blurCols(float[] src, float[] dst, int off, int h, int w, float[] k) {
    int r = k.length / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int d = Math.max(-r, -y); d <= Math.min(r, h - 1 - y); d++) {
          s += k[d + r] * src[(y + d) * w + x];
        }
        dst[off + y * w + x] = s;
      }
    }
  }
}
