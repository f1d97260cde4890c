package org.rmnist.api;

import java.util.List;

/**
 * How an image network wants its input, and the conversion of grey images to it: resize to {@code
 * size} x {@code size}, copy the grey value to every channel, subtract {@code mean} and divide by
 * {@code std} (one value for all channels, or one per channel), lay out as NCHW or NHWC.
 *
 * <p>Resize methods: {@code bilinear} samples at pixel centres (PyTorch's {@code interpolate(...,
 * mode="bilinear", align_corners=False)}, no antialiasing), {@code nearest} takes the nearest
 * source pixel ({@code mode="nearest"}), {@code pad} centres the image on a zero background (size
 * at least the image's).
 *
 * <p>Extensions that feed networks take it as their config's parameter group {@code preprocess}, so
 * the keys are the same for every one of them; each checks the ranges its network allows.
 *
 * @param size side of the square network input, in pixels
 * @param channels channels the network expects (the grey value is copied to each)
 * @param layout {@code nchw} or {@code nhwc}
 * @param resize {@code bilinear}, {@code nearest} or {@code pad}
 * @param mean subtracted after resizing: one value, or one per channel
 * @param std divides after subtracting: one value, or one per channel
 */
public record NetworkInput(
    @Doc("side of the square network input in pixels; images are resized to size x size") int size,
    @Doc("channels the network takes; the grey value is copied to each") int channels,
    @Doc("nchw = [batch, channels, height, width] or nhwc = [batch, height, width, channels]")
        String layout,
    @Doc(
            "bilinear (half-pixel centres, no antialiasing: PyTorch's interpolate with "
                + "align_corners=False, tf.image.resize), nearest, or pad (centred on zeros; size at "
                + "least the images' side)")
        String resize,
    @Doc("subtracted from pixels (in [0, 1]) after resizing: one value, or one per channel")
        List<Double> mean,
    @Doc("divides (pixel - mean): one value, or one per channel; each > 0") List<Double> std) {

  /** The layouts. */
  public static final List<String> LAYOUTS = List.of("nchw", "nhwc");

  /** The resize methods. */
  public static final List<String> RESIZES = List.of("bilinear", "nearest", "pad");

  public NetworkInput {
    if (size < 1) {
      throw new IllegalArgumentException("size: expected a positive side in pixels, got " + size);
    }
    if (channels < 1) {
      throw new IllegalArgumentException("channels: expected at least 1, got " + channels);
    }
    if (!LAYOUTS.contains(layout)) {
      throw new IllegalArgumentException(
          "layout: expected one of " + LAYOUTS + ", got '" + layout + "'");
    }
    if (!RESIZES.contains(resize)) {
      throw new IllegalArgumentException(
          "resize: expected one of " + RESIZES + ", got '" + resize + "'");
    }
    mean = perChannel("mean", mean, channels, 0.0);
    std = perChannel("std", std, channels, 1.0);
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std: expected positive values, got " + std);
      }
    }
  }

  /** Grey input at MNIST's size: no resize, no normalisation. */
  public static NetworkInput grey(int size) {
    return new NetworkInput(size, 1, "nchw", "bilinear", List.of(0.0), List.of(1.0));
  }

  private static List<Double> perChannel(
      String key, List<Double> values, int channels, double missing) {
    if (values == null || values.isEmpty()) {
      return List.of(missing);
    }
    if (values.size() != 1 && values.size() != channels) {
      throw new IllegalArgumentException(
          key
              + ": expected 1 or "
              + channels
              + " values (one per "
              + "channel), got "
              + values.size()
              + ": "
              + values);
    }
    return List.copyOf(values);
  }

  /** Values of one converted image. */
  public int valuesPerImage() {
    return channels * size * size;
  }

  /** The converted shape, channels first. */
  public ImageShape shape() {
    return new ImageShape(channels, size, size);
  }

  /**
   * Converts images {@code [from, to)} of {@code images} (one channel each) into {@code out}, image
   * after image, in this input's layout.
   *
   * @throws IllegalArgumentException when the images are not grey, {@code pad} would crop, or
   *     {@code out} is too short
   */
  public void fill(ImageSet images, int from, int to, float[] out) {
    ImageShape in = images.shape();
    if (in.channels() != 1) {
      throw new IllegalArgumentException("expected grey images (1 channel), got " + in);
    }
    if ("pad".equals(resize) && (size < in.height() || size < in.width())) {
      throw new IllegalArgumentException(
          "resize pad: size " + size + " is smaller than the " + "images (" + in + ")");
    }
    int per = valuesPerImage();
    if (out.length < (to - from) * per) {
      throw new IllegalArgumentException(
          "out holds " + out.length + " values, " + (to - from) * per + " needed");
    }
    float[] grey = new float[size * size];
    float[] m = new float[channels];
    float[] inv = new float[channels];
    for (int c = 0; c < channels; c++) {
      m[c] = mean.get(mean.size() == 1 ? 0 : c).floatValue();
      inv[c] = (float) (1.0 / std.get(std.size() == 1 ? 0 : c));
    }
    for (int i = from; i < to; i++) {
      resize(images.pixels(), images.offset(i), in.height(), in.width(), grey);
      int base = (i - from) * per;
      int plane = size * size;
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < channels; c++) {
          float v = (grey[p] - m[c]) * inv[c];
          out["nchw".equals(layout) ? base + c * plane + p : base + p * channels + c] = v;
        }
      }
    }
  }

  /** Receives one converted batch (see {@link #forEachBatch}). */
  @FunctionalInterface
  public interface BatchSink {
    /**
     * @param batch {@code rows} converted images, the first {@code count} real ones, the rest zero
     *     padding (reused: consume it before returning)
     * @param rows images in {@code batch} to feed
     * @param start index of the first real image in the set
     * @param count real images in the batch
     */
    void accept(float[] batch, int rows, int start, int count);
  }

  /**
   * Converts {@code images} a batch at a time into one reused buffer and hands each batch to {@code
   * sink}, reporting progress. With {@code fixedBatch > 0} (a model whose batch dimension is fixed)
   * every batch has exactly that many rows, the last one padded with zero images; otherwise batches
   * have {@code batchSize} images, the last one fewer.
   */
  public void forEachBatch(
      ImageSet images,
      int batchSize,
      int fixedBatch,
      Progress progress,
      String what,
      BatchSink sink) {
    int n = images.size();
    int per = valuesPerImage();
    int step = fixedBatch > 0 ? fixedBatch : batchSize;
    if (step < 1) {
      throw new IllegalArgumentException("batchSize: expected at least 1, got " + step);
    }
    int rows = fixedBatch > 0 ? fixedBatch : Math.max(1, Math.min(step, n));
    float[] batch = new float[Math.multiplyExact(rows, per)];
    progress.start(what, n);
    try {
      for (int start = 0; start < n; start += step) {
        int count = Math.min(step, n - start);
        fill(images, start, start + count, batch);
        int fed = fixedBatch > 0 ? rows : count;
        java.util.Arrays.fill(batch, count * per, fed * per, 0f);
        sink.accept(batch, fed, start, count);
        progress.advance(count);
      }
    } finally {
      progress.done();
    }
  }

  private void resize(float[] src, int off, int h, int w, float[] dst) {
    if (size == h && size == w) {
      System.arraycopy(src, off, dst, 0, h * w);
      return;
    }
    switch (resize) {
      case "pad" -> {
        java.util.Arrays.fill(dst, 0f);
        int top = (size - h) / 2;
        int left = (size - w) / 2;
        for (int y = 0; y < h; y++) {
          System.arraycopy(src, off + y * w, dst, (top + y) * size + left, w);
        }
      }
      case "nearest" -> {
        for (int y = 0; y < size; y++) {
          int sy = Math.min(h - 1, (int) Math.floor(y * (double) h / size));
          for (int x = 0; x < size; x++) {
            int sx = Math.min(w - 1, (int) Math.floor(x * (double) w / size));
            dst[y * size + x] = src[off + sy * w + sx];
          }
        }
      }
      default -> {
        for (int y = 0; y < size; y++) {
          double fy = Math.max(0, (y + 0.5) * h / size - 0.5);
          int y0 = Math.min(h - 1, (int) fy);
          int y1 = Math.min(h - 1, y0 + 1);
          float wy = (float) (fy - y0);
          for (int x = 0; x < size; x++) {
            double fx = Math.max(0, (x + 0.5) * w / size - 0.5);
            int x0 = Math.min(w - 1, (int) fx);
            int x1 = Math.min(w - 1, x0 + 1);
            float wx = (float) (fx - x0);
            float top = src[off + y0 * w + x0] * (1 - wx) + src[off + y0 * w + x1] * wx;
            float bottom = src[off + y1 * w + x0] * (1 - wx) + src[off + y1 * w + x1] * wx;
            dst[y * size + x] = top * (1 - wy) + bottom * wy;
          }
        }
      }
    }
  }
}
