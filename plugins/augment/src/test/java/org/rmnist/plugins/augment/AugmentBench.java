package org.rmnist.plugins.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/**
 * Images per second of every augmentation on 28x28 images, one thread: per image a fresh generator
 * (as the host derives one per image and step), {@code sample}, then {@code apply}. Warm-up first,
 * then several timed repetitions; the median is reported. Run by {@code bench/augment}; prints a
 * table and one {@code result} line per row for the script.
 *
 * <p>Arguments: {@code [warmupSeconds] [repetitions] [secondsPerRepetition]} (default 1 5 0.5).
 */
public final class AugmentBench {
  private AugmentBench() {}

  /** One benchmark row; {@code part} is "sample+apply", "sample" or "apply". */
  private record Row(String id, Augmentation<Record, Object> aug, Record config, String part) {}

  private static volatile float sink;

  /** Where sampled params escape to, so the JIT cannot drop a sample-only loop. */
  private static Object escape;

  @SuppressWarnings("unchecked")
  private static Row row(String id, Augmentation<?, ?> aug, Record config, String part) {
    return new Row(id, (Augmentation<Record, Object>) aug, config, part);
  }

  public static void main(String[] args) {
    double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 1;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
    ImageShape shape = ImageShape.MNIST;
    float[][] images = new float[64][];
    for (int i = 0; i < images.length; i++) {
      images[i] = Images.digit(shape, i);
    }
    var shift = new ShiftAugmentation();
    var elastic = new ElasticAugmentation();
    List<Row> rows =
        List.of(
            row("shift", shift, shift.defaults(), "sample+apply"),
            row("rotate", new RotateAugmentation(), RotateConfig.defaults(), "sample+apply"),
            row("affine", new AffineAugmentation(), AffineConfig.defaults(), "sample+apply"),
            row("elastic", elastic, elastic.defaults(), "sample+apply"),
            row("elastic", elastic, elastic.defaults(), "sample"),
            row("elastic", elastic, elastic.defaults(), "apply"),
            row(
                "intensity",
                new IntensityAugmentation(),
                IntensityConfig.defaults(),
                "sample+apply"));

    System.out.printf(
        Locale.ROOT,
        "rmnist augment bench: %s images, 1 thread, warm-up %.1f s, " + "%d x %.1f s, median%n",
        shape,
        warmup,
        reps,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "%-10s %-13s %14s %16s %10s  %s%n",
        "transform",
        "part",
        "images/s",
        "min..max",
        "us/image",
        "config");
    for (Row r : rows) {
      measure(r, shape, images, warmup);
      double[] rates = new double[reps];
      for (int k = 0; k < reps; k++) {
        rates[k] = measure(r, shape, images, seconds);
      }
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      double median =
          reps % 2 == 1 ? sorted[reps / 2] : (sorted[reps / 2 - 1] + sorted[reps / 2]) / 2;
      System.out.printf(
          Locale.ROOT,
          "%-10s %-13s %14.0f %16s %10.2f  %s%n",
          r.id(),
          r.part(),
          median,
          String.format(Locale.ROOT, "%.0f..%.0f", sorted[0], sorted[reps - 1]),
          1e6 / median,
          r.config());
      System.out.printf(
          Locale.ROOT, "result\t%s\t%s\t%.1f\t%s%n", r.id(), r.part(), median, r.config());
    }
    System.out.printf(Locale.ROOT, "displacement\trmnist\t%.4f%n", rmsDisplacement(elastic));
    System.out.println("checksum " + sink);
  }

  /** Images per second over about {@code seconds} of work. */
  private static double measure(Row r, ImageShape shape, float[][] images, double seconds) {
    Augmentation<Record, Object> aug = r.aug();
    Record config = r.config();
    float[] dst = new float[shape.size()];
    Object fixed = aug.sample(config, shape, new SplittableRandom(-1));
    boolean sample = !r.part().equals("apply");
    boolean apply = !r.part().equals("sample");
    long budget = (long) (seconds * 1e9);
    long start = System.nanoTime();
    long done = 0;
    float acc = 0;
    long now;
    do {
      for (int k = 0; k < 256; k++, done++) {
        Object params = sample ? aug.sample(config, shape, new SplittableRandom(done)) : fixed;
        if (apply) {
          aug.apply(config, params, images[(int) (done & 63)], 0, dst, 0, shape);
          acc += dst[(int) (done % dst.length)];
        } else {
          escape = params;
        }
      }
      now = System.nanoTime();
    } while (now - start < budget);
    sink += acc;
    return done / ((now - start) / 1e9);
  }

  /** Root mean square of the displacement components in pixels, over 2000 28x28 fields. */
  private static double rmsDisplacement(ElasticAugmentation elastic) {
    double sumSq = 0;
    long n = 0;
    List<float[]> fields = new ArrayList<>();
    for (int k = 0; k < 2000; k++) {
      ElasticParams p =
          elastic.sample(elastic.defaults(), ImageShape.MNIST, new SplittableRandom(k));
      fields.add(p.dx());
      fields.add(p.dy());
    }
    for (float[] f : fields) {
      for (float v : f) {
        sumSq += v * v;
        n++;
      }
    }
    return Math.sqrt(sumSq / n);
  }
}
