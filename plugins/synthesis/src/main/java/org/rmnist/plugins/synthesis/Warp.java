package org.rmnist.plugins.synthesis;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A random geometric distortion written as a linear map on the pixels, so that it is differentiable
 * and one draw can be applied to a whole batch with one matrix product: output pixel {@code o} is
 * {@code Σ_i T[i][o] · input[i]}, where {@code T} (returned transposed, input pixel major) holds
 * each output pixel's bilinear weights at its source position, zero outside the image.
 *
 * <p>The distortions are the ones best.yaml's cnn-a trains with, so that matching sees the images
 * as the learner will: {@code affine} rotates by up to 12°, scales by 0.88..1.12 and shears by up
 * to 12° about the centre; {@code elastic} adds, half of the time, Simard et al.'s (2003) smoothed
 * random displacement (uniform noise in [-1, 1] per pixel, a Gaussian of std 4 pixels with clamped
 * borders, times 34 pixels) after the affine map.
 */
final class Warp {
  static final List<String> KINDS = List.of("none", "affine", "elastic");
  static final double DEGREES = 12;
  static final double SCALE = 0.12;
  static final double SHEAR = 12;
  static final double ALPHA = 34;
  static final double SIGMA = 4;

  private Warp() {}

  /**
   * The transposed map ({@code (h·w) × (h·w)}, row-major) of one random draw of {@code kind}, or
   * null for {@code none} (which draws nothing from {@code r}).
   */
  static float[] draw(String kind, SplittableRandom r, int h, int w) {
    if (kind.equals("none")) {
      return null;
    }
    double angle = Math.toRadians(DEGREES * (2 * r.nextDouble() - 1));
    double scale = 1 + SCALE * (2 * r.nextDouble() - 1);
    double shear = Math.toRadians(SHEAR * (2 * r.nextDouble() - 1));
    double[] dy = new double[h * w];
    double[] dx = new double[h * w];
    if (kind.equals("elastic") && r.nextBoolean()) {
      field(r, h, w, dx);
      field(r, h, w, dy);
    }
    // forward map about the centre: rotation · shear (x += tan(shear) y) · scale
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double t = Math.tan(shear);
    double a = scale * cos;
    double b = scale * (cos * t - sin);
    double c = scale * sin;
    double d = scale * (sin * t + cos);
    double det = a * d - b * c;
    double cy = (h - 1) / 2.0;
    double cx = (w - 1) / 2.0;
    float[] map = new float[h * w * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = y * w + x;
        // elastic first looks up the affine image at the displaced position, whose source is
        // the inverse affine map of that position
        double px = x + dx[o] - cx;
        double py = y + dy[o] - cy;
        double sx = (d * px - b * py) / det + cx;
        double sy = (-c * px + a * py) / det + cy;
        bilinear(map, o, sy, sx, h, w);
      }
    }
    return map;
  }

  /** Adds output pixel {@code o}'s bilinear weights at source (sy, sx) to column {@code o}. */
  private static void bilinear(float[] map, int o, double sy, double sx, int h, int w) {
    int y0 = (int) Math.floor(sy);
    int x0 = (int) Math.floor(sx);
    double fy = sy - y0;
    double fx = sx - x0;
    int size = h * w;
    for (int j = 0; j < 2; j++) {
      int yy = y0 + j;
      double wy = j == 0 ? 1 - fy : fy;
      for (int i = 0; i < 2; i++) {
        int xx = x0 + i;
        double wx = i == 0 ? 1 - fx : fx;
        if (yy >= 0 && yy < h && xx >= 0 && xx < w && wy * wx > 0) {
          map[(yy * w + xx) * size + o] += (float) (wy * wx);
        }
      }
    }
  }

  /** One smoothed displacement plane: uniform [-1, 1] noise, Gaussian blur, times alpha. */
  private static void field(SplittableRandom r, int h, int w, double[] out) {
    double[] noise = new double[h * w];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = 2 * r.nextDouble() - 1;
    }
    int radius = (int) Math.ceil(4 * SIGMA);
    double[] g = new double[2 * radius + 1];
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      g[k + radius] = Math.exp(-k * k / (2 * SIGMA * SIGMA));
      sum += g[k + radius];
    }
    double[] across = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int k = -radius; k <= radius; k++) {
          s += g[k + radius] * noise[y * w + Math.min(w - 1, Math.max(0, x + k))];
        }
        across[y * w + x] = s / sum;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int k = -radius; k <= radius; k++) {
          s += g[k + radius] * across[Math.min(h - 1, Math.max(0, y + k)) * w + x];
        }
        out[y * w + x] = ALPHA * s / sum;
      }
    }
  }
}
