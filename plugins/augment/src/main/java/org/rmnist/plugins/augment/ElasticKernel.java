package org.rmnist.plugins.augment;

import java.util.random.RandomGenerator;
import org.rmnist.api.ImageShape;

/**
 * Elastic distortion after Simard, Steinkraus and Platt (2003): a displacement field of uniform
 * noise in [-1, 1), smoothed by a separable Gaussian of std sigma and scaled by alpha (pixels),
 * then bilinear resampling of the image at (x + dx, y + dy) with zero fill.
 *
 * <p>The Gaussian is normalised to sum 1 and cut at radius {@code size / 2}, where size is {@code
 * int(8 sigma + 1)} rounded up to odd (torchvision's choice: radius 16 = 4 sigma for sigma 4); the
 * noise is mirrored at the borders without repeating the edge (torch's "reflect"), generalised to
 * radii wider than the image. Sigma 0 leaves the noise unsmoothed.
 */
final class ElasticKernel {
  private ElasticKernel() {}

  /** Scratch buffers and the kernel for one (sigma, height, width); one per thread, reused. */
  static final class Workspace {
    private double sigma = Double.NaN;
    private int height = -1;
    private int width = -1;

    /** Gaussian taps 0..radius (symmetric). */
    float[] half;

    /** Noise, transposed (one row per image column), with radius mirrored rows on both sides. */
    float[] across;

    /** Noise smoothed along x, transposed, width x height. */
    float[] smoothed;

    /** {@link #smoothed} transposed back, with radius mirrored rows on both sides. */
    float[] down;

    /** Two windows of a padded buffer copied to offset 0 (see {@code blur}). */
    float[] windowA;

    float[] windowB;

    /** Mirror source of padded column j - radius, for j in 0..width + 2 radius. */
    int[] mirrorX;

    /** Mirror source of padded row j - radius, for j in 0..height + 2 radius. */
    int[] mirrorY;

    /** Makes the buffers fit; cheap when nothing changed. */
    Workspace prepare(double sigma, int height, int width) {
      if (sigma != this.sigma) {
        this.half = gaussian(sigma);
        this.sigma = sigma;
        this.height = -1;
      }
      if (height != this.height || width != this.width) {
        int r = half.length - 1;
        across = new float[(width + 2 * r) * height];
        smoothed = new float[width * height];
        down = new float[(height + 2 * r) * width];
        windowA = new float[width * height];
        windowB = new float[width * height];
        mirrorX = mirrors(width, r);
        mirrorY = mirrors(height, r);
        this.height = height;
        this.width = width;
      }
      return this;
    }
  }

  /** Gaussian taps 0..radius of a kernel of std {@code sigma}, normalised to sum 1 over ±radius. */
  static float[] gaussian(double sigma) {
    if (sigma == 0) {
      return new float[] {1f};
    }
    int size = (int) (8 * sigma + 1);
    if (size % 2 == 0) {
      size++;
    }
    int r = size / 2;
    double[] g = new double[r + 1];
    double sum = 0;
    for (int i = 0; i <= r; i++) {
      g[i] = Math.exp(-0.5 * (i / sigma) * (i / sigma));
      sum += i == 0 ? g[i] : 2 * g[i];
    }
    float[] half = new float[r + 1];
    for (int i = 0; i <= r; i++) {
      half[i] = (float) (g[i] / sum);
    }
    return half;
  }

  /** Index in [0, n) that position i reflects to (mirror without repeating the edge). */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * n - 2;
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  private static int[] mirrors(int n, int r) {
    int[] m = new int[n + 2 * r];
    for (int j = 0; j < m.length; j++) {
      m[j] = reflect(j - r, n);
    }
    return m;
  }

  /**
   * Fills {@code out} (height x width of the workspace) with {@code alpha * blur(noise)}, drawing
   * height x width uniforms in [-1, 1) row by row from {@code random}.
   *
   * <p>Both passes run as one long loop per tap over the whole image (rows of 28 are too short for
   * the JIT's vector loops): the noise is stored transposed so that smoothing along x reads whole
   * padded rows, then transposed back for the pass along y.
   */
  static void field(RandomGenerator random, Workspace ws, float alpha, float[] out) {
    float[] k = ws.half;
    int r = k.length - 1;
    int h = ws.height;
    int w = ws.width;
    float[] a = ws.across;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        a[(r + x) * h + y] = 2f * random.nextFloat() - 1f;
      }
    }
    mirrorRows(a, ws.mirrorX, r, w, h);
    float[] s = ws.smoothed;
    blur(a, k, 1f, h, s, ws);
    float[] d = ws.down;
    for (int x = 0; x < w; x++) {
      int from = x * h;
      for (int y = 0; y < h; y++) {
        d[(r + y) * w + x] = s[from + y];
      }
    }
    mirrorRows(d, ws.mirrorY, r, h, w);
    blur(d, k, alpha, w, out, ws);
  }

  /** Copies the mirror sources into the r padding rows above and below the n rows of length len. */
  private static void mirrorRows(float[] buf, int[] mirror, int r, int n, int len) {
    for (int j = 0; j < r; j++) {
      System.arraycopy(buf, (r + mirror[j]) * len, buf, j * len, len);
      System.arraycopy(buf, (r + mirror[r + n + j]) * len, buf, (r + n + j) * len, len);
    }
  }

  /**
   * out[i] = scale * sum_t k[|t|] padded[i + (r + t) len] for every i of out: a blur across rows of
   * length {@code len} of a buffer with r padding rows on each side.
   *
   * <p>The two windows of each tap are first copied to offset 0: JDK 17's C2 does not vectorise a
   * loop that reads one array at two offsets (measured 3x slower than copy + vector loop).
   */
  private static void blur(
      float[] padded, float[] k, float scale, int len, float[] out, Workspace ws) {
    int r = k.length - 1;
    int count = out.length;
    int centre = r * len;
    float[] wa = ws.windowA;
    float[] wb = ws.windowB;
    System.arraycopy(padded, centre, wa, 0, count);
    float k0 = scale * k[0];
    for (int i = 0; i < count; i++) {
      out[i] = k0 * wa[i];
    }
    for (int t = 1; t <= r; t++) {
      System.arraycopy(padded, centre + t * len, wa, 0, count);
      System.arraycopy(padded, centre - t * len, wb, 0, count);
      float kt = scale * k[t];
      for (int i = 0; i < count; i++) {
        out[i] += kt * (wa[i] + wb[i]);
      }
    }
  }

  /** Resamples every channel of the image at (x + dx, y + dy), bilinear, zero outside. */
  static void warp(
      float[] dx,
      float[] dy,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    int h = shape.height();
    int w = shape.width();
    int plane = h * w;
    for (int c = 0; c < shape.channels(); c++) {
      int from = srcOffset + c * plane;
      int to = dstOffset + c * plane;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          dst[to + i] = Bilinear.at(src, from, h, w, x + dx[i], y + dy[i]);
        }
      }
    }
  }
}
