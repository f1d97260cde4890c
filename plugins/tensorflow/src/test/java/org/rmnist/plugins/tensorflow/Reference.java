package org.rmnist.plugins.tensorflow;

import java.util.SplittableRandom;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;

/** Plain-Java references for the tests, written independently of the plugin's kernels. */
final class Reference {
  private Reference() {}

  /** {@code n} random images of {@code shape}, pixels uniform in [0, 1). */
  static ImageSet images(int n, ImageShape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * shape.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextDouble();
    }
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = 100 + i;
    }
    return new ImageSet(px, new int[n], shape, index);
  }

  /**
   * TensorFlow's bilinear kernel with half-pixel centres as its source defines it: source
   * coordinate {@code (y + 0.5) * in / out - 0.5}, lower index {@code max(floor, 0)}, upper {@code
   * min(ceil, in - 1)}, weight {@code coordinate - floor}.
   */
  static double sample(float[] img, int offset, int h, int w, int size, int y, int x) {
    double iy = (y + 0.5) * h / size - 0.5;
    double ix = (x + 0.5) * w / size - 0.5;
    int y0 = Math.max((int) Math.floor(iy), 0);
    int y1 = Math.min((int) Math.ceil(iy), h - 1);
    int x0 = Math.max((int) Math.floor(ix), 0);
    int x1 = Math.min((int) Math.ceil(ix), w - 1);
    double wy = iy - Math.floor(iy);
    double wx = ix - Math.floor(ix);
    double top = img[offset + y0 * w + x0] * (1 - wx) + img[offset + y0 * w + x1] * wx;
    double bottom = img[offset + y1 * w + x0] * (1 - wx) + img[offset + y1 * w + x1] * wx;
    return top * (1 - wy) + bottom * wy;
  }

  /** One grey image as the model input: resized, copied to every channel, normalised. */
  static float[] input(
      ImageSet images, int i, int size, int channels, boolean nchw, double[] mean, double[] std) {
    ImageShape s = images.shape();
    float[] out = new float[size * size * channels];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double v = sample(images.pixels(), images.offset(i), s.height(), s.width(), size, y, x);
          int at = nchw ? (c * size + y) * size + x : (y * size + x) * channels + c;
          out[at] = (float) ((v - mean[c]) / std[c]);
        }
      }
    }
    return out;
  }
}
