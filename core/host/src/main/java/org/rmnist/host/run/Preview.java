package org.rmnist.host.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Seed;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.StepSpec;
import org.rmnist.host.plugin.PluginHost;

/**
 * A picture of what a transform does: one row per image, the original first, then distorted
 * versions (as Nielsen's figures). The distortions are exactly the on-the-fly ones a run would see.
 */
public final class Preview {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Preview() {}

  /** Parses {@code id[:key=value,...][+id...]}, e.g. {@code elastic:alpha=34,sigma=4+rotate}. */
  public static List<StepSpec> parseSteps(String spec) {
    List<StepSpec> steps = new ArrayList<>();
    for (String part : spec.split("\\+")) {
      String[] idAndParams = part.split(":", 2);
      String id = idAndParams[0].strip();
      if (id.isEmpty()) {
        throw new ConfigException("transform '" + spec + "': empty transform id");
      }
      Map<String, Object> params = new LinkedHashMap<>();
      if (idAndParams.length == 2 && !idAndParams[1].isBlank()) {
        for (String kv : idAndParams[1].split(",")) {
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new ConfigException("transform '" + spec + "': '" + kv + "' is not key=value");
          }
          try {
            params.put(
                kv.substring(0, eq).strip(), YAML.readValue(kv.substring(eq + 1), Object.class));
          } catch (java.io.IOException e) {
            throw new ConfigException("transform '" + spec + "': bad value in '" + kv + "'");
          }
        }
      }
      steps.add(new StepSpec(id, 1.0, params));
    }
    return steps;
  }

  /** The most images per class a preview shows. */
  public static final int MAX_PER_CLASS = 1000;

  /** The most distorted versions per image. */
  public static final int MAX_VERSIONS = 1000;

  /** The largest magnification. */
  public static final int MAX_SCALE = 64;

  /** The most pixels a preview may have (about 400 MB as an RGB image in memory). */
  public static final long MAX_PIXELS = 100_000_000L;

  /** Throws a {@link ConfigException} when {@code value} of {@code option} is out of range. */
  public static void checkRange(String option, int value, int min, int max, String what) {
    if (value < min || value > max) {
      throw new ConfigException(
          option
              + ": "
              + value
              + " is out of range; expected "
              + min
              + ".."
              + max
              + " ("
              + what
              + ")");
    }
  }

  /** The images left to right, {@code gap} white pixels apart, tops aligned. */
  public static BufferedImage sideBySide(List<BufferedImage> blocks, int gap) {
    int width = gap * (blocks.size() - 1);
    int height = 0;
    for (BufferedImage b : blocks) {
      width += b.getWidth();
      height = Math.max(height, b.getHeight());
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = out.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, width, height);
      int x = 0;
      for (BufferedImage b : blocks) {
        g.drawImage(b, x, 0, null);
        x += b.getWidth() + gap;
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The images one class per row (classes in label order, each class's images left to right in the
   * given order), magnified; every class must have the same number of images.
   */
  public static BufferedImage classRows(ImageSet images, int scale) {
    checkRange("scale", scale, 1, MAX_SCALE, "pixels per image pixel");
    java.util.TreeMap<Integer, List<Integer>> byClass = new java.util.TreeMap<>();
    for (int i = 0; i < images.size(); i++) {
      byClass.computeIfAbsent(images.labels()[i], k -> new ArrayList<>()).add(i);
    }
    int per = byClass.firstEntry().getValue().size();
    for (var e : byClass.entrySet()) {
      if (e.getValue().size() != per) {
        throw new IllegalArgumentException(
            "class "
                + e.getKey()
                + " has "
                + e.getValue().size()
                + " images, class "
                + byClass.firstKey()
                + " "
                + per
                + ": rows of classes need the same count");
      }
    }
    List<ImageSet> columns = new ArrayList<>();
    for (int j = 0; j < per; j++) {
      int[] at = new int[byClass.size()];
      int r = 0;
      for (List<Integer> rows : byClass.values()) {
        at[r++] = rows.get(j);
      }
      columns.add(images.select(at));
    }
    return grid(columns, scale);
  }

  /** Renders {@code images} and {@code versions} distorted versions of each, magnified. */
  public static BufferedImage render(
      ImageSet images, List<StepSpec> steps, int versions, Seed seed, PluginHost host, int scale) {
    checkRange("versions", versions, 0, MAX_VERSIONS, "distorted versions");
    checkRange("scale", scale, 1, MAX_SCALE, "pixels per image pixel");
    long width = (versions + 1L) * (images.shape().width() * (long) scale + 2) + 6;
    long height = images.size() * (images.shape().height() * (long) scale + 2) + 2;
    if (width * height > MAX_PIXELS) {
      throw new ConfigException(
          "preview: "
              + images.size()
              + " images x (original + "
              + versions
              + " versions) at scale "
              + scale
              + " make a "
              + width
              + " x "
              + height
              + " image, more "
              + "than "
              + MAX_PIXELS
              + " pixels; show fewer images (--n), versions or a smaller "
              + "scale");
    }
    OnTheFly fly = Pipeline.bind(null, steps, host, "preview").onTheFly(seed);
    List<ImageSet> columns = new ArrayList<>();
    columns.add(images);
    for (int v = 0; v < versions; v++) {
      columns.add(fly.epoch(images, v));
    }
    return grid(columns, scale);
  }

  /** Columns of images side by side (the first set apart), magnified {@code scale} times. */
  static BufferedImage grid(List<ImageSet> columns, int scale) {
    ImageSet images = columns.get(0);
    int h = images.shape().height();
    int w = images.shape().width();
    int gap = 2;
    int cell = w * scale + gap;
    BufferedImage out =
        new BufferedImage(
            columns.size() * cell + gap + 4,
            images.size() * (h * scale + gap) + gap,
            BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = out.createGraphics();
    g.setColor(new java.awt.Color(70, 90, 140));
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.dispose();
    for (int c = 0; c < columns.size(); c++) {
      ImageSet col = columns.get(c);
      int x0 = gap + c * cell + (c > 0 ? 4 : 0);
      for (int i = 0; i < col.size(); i++) {
        int y0 = gap + i * (h * scale + gap);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            float v = col.pixels()[col.offset(i) + y * w + x];
            int grey = 255 - Math.round(Math.max(0, Math.min(1, v)) * 255);
            int rgb = (grey << 16) | (grey << 8) | grey;
            for (int dy = 0; dy < scale; dy++) {
              for (int dx = 0; dx < scale; dx++) {
                out.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
              }
            }
          }
        }
      }
    }
    return out;
  }
}
