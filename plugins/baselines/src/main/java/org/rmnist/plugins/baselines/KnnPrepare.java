package org.rmnist.plugins.baselines;

import java.util.stream.IntStream;
import org.rmnist.api.ImageShape;
import org.rmnist.support.GaussianBlur;

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
    GaussianBlur gaussian = blur > 0 ? new GaussianBlur(blur) : null;
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              float[] tmp = new float[size];
              System.arraycopy(pixels, i * size, out, i * size, size);
              if (gaussian != null) {
                for (int c = 0; c < shape.channels(); c++) {
                  int off = i * size + c * shape.height() * shape.width();
                  gaussian.plane(out, off, shape.height(), shape.width(), tmp);
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
}
