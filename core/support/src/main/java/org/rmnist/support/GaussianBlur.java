package org.rmnist.support;

/**
 * A separable Gaussian blur of image planes, zero outside the image (kernel radius ⌈3σ⌉, normalised
 * to sum 1): rows, then columns, in float.
 */
public final class GaussianBlur {
  private final float[] kernel;

  /** A blur of standard deviation {@code sigma} pixels; > 0. */
  public GaussianBlur(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("blur sigma must be > 0, got " + sigma);
    }
    int r = (int) Math.ceil(3 * sigma);
    kernel = new float[2 * r + 1];
    double sum = 0;
    for (int d = -r; d <= r; d++) {
      kernel[d + r] = (float) Math.exp(-d * d / (2 * sigma * sigma));
      sum += kernel[d + r];
    }
    for (int j = 0; j < kernel.length; j++) {
      kernel[j] /= (float) sum;
    }
  }

  /**
   * Blurs the {@code h × w} plane of {@code image} at {@code off} in place; {@code tmp} holds at
   * least {@code h*w} floats of scratch.
   */
  public void plane(float[] image, int off, int h, int w, float[] tmp) {
    int r = kernel.length / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int d = Math.max(-r, -x); d <= Math.min(r, w - 1 - x); d++) {
          s += kernel[d + r] * image[off + y * w + x + d];
        }
        tmp[y * w + x] = s;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int d = Math.max(-r, -y); d <= Math.min(r, h - 1 - y); d++) {
          s += kernel[d + r] * tmp[(y + d) * w + x];
        }
        image[off + y * w + x] = s;
      }
    }
  }
}
