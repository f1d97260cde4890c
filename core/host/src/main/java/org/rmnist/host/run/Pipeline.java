package org.rmnist.host.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Seed;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.AugmentSpec;
import org.rmnist.host.config.StepSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.plugin.PluginHost.PluginInfo;

/**
 * A run's augmentation bound to its extensions: static expansion (random copies, or every
 * combination of discrete parameters) and on-the-fly steps for each epoch. Every (copy or epoch,
 * image, step) draws from its own key, so adding a step or changing a probability does not move the
 * other draws, and results do not depend on thread count or order.
 */
final class Pipeline {
  private final String mode;

  /** The most values one image array may hold (a Java array's limit, with headroom). */
  private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  private final int copies;
  private final boolean keepOriginal;
  private final List<Step> steps;
  private final List<Step> onTheFly;

  /** One bound transform, applied with probability {@code p}. */
  record Step(String id, Bound.Transform<?, ?> transform, double p) {}

  private Pipeline(
      String mode, int copies, boolean keepOriginal, List<Step> steps, List<Step> onTheFly) {
    this.mode = mode;
    this.copies = copies;
    this.keepOriginal = keepOriginal;
    this.steps = steps;
    this.onTheFly = onTheFly;
  }

  /** A pipeline from steps already bound (tests, and callers that bind steps themselves). */
  static Pipeline of(
      String mode, int copies, boolean keepOriginal, List<Step> steps, List<Step> onTheFly) {
    return new Pipeline(mode, copies, keepOriginal, List.copyOf(steps), List.copyOf(onTheFly));
  }

  static Pipeline bind(AugmentSpec spec, List<StepSpec> onTheFly, PluginHost host, String where) {
    List<Step> otf = bindSteps(onTheFly, host, where + ".onTheFly");
    if (spec == null) {
      return new Pipeline("random", 0, true, List.of(), otf);
    }
    List<Step> steps = bindSteps(spec.steps(), host, where + ".augment.steps");
    if ("enumerate".equals(spec.mode())) {
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        if (s.transform().enumerate(ImageShape.MNIST).isEmpty()) {
          throw new ConfigException(
              where
                  + ".augment.steps."
                  + i
                  + ": '"
                  + s.id()
                  + "' is a "
                  + "continuous transform; mode enumerate needs discrete ones (e.g. shift)");
        }
      }
    }
    return new Pipeline(spec.mode(), spec.copies(), spec.keepOriginal(), steps, otf);
  }

  private static List<Step> bindSteps(List<StepSpec> specs, PluginHost host, String where) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      StepSpec s = specs.get(i);
      String at = where + "." + i;
      var registered = host.get(ExtensionKind.AUGMENTATION, s.id(), at + ".id");
      steps.add(new Step(s.id(), Bound.transform(registered, s.params(), at + ".params"), s.p()));
    }
    return List.copyOf(steps);
  }

  /** Whether it adds images before training (copies or an enumeration), not only onTheFly. */
  boolean expands() {
    return !steps.isEmpty() && ("enumerate".equals(mode) || copies > 0);
  }

  /** The training set after static expansion (unchanged when there is none). */
  ImageSet expand(ImageSet train, Seed seed) {
    if (!expands()) {
      return train;
    }
    ImageSet out = "enumerate".equals(mode) ? enumerate(train) : randomCopies(train, seed);
    return keepOriginal ? train.concat(out) : out;
  }

  private ImageSet randomCopies(ImageSet train, Seed seed) {
    int count = train.size();
    int total = checkedCount((long) copies * count, train, "copies " + copies);
    return build(
        train,
        total,
        k -> k % count,
        (k, src, srcOff, out, outOff, scratch) -> {
          long source = train.sourceIndices()[k % count];
          applyAll(
              steps,
              src,
              srcOff,
              out,
              outOff,
              scratch,
              train.shape(),
              s -> seed.derive("augment", k / count, source, s).random());
        });
  }

  private ImageSet enumerate(ImageSet train) {
    List<List<Bound.Applied>> choices = new ArrayList<>();
    int combos = 1;
    for (Step s : steps) {
      List<Bound.Applied> e = s.transform().enumerate(train.shape());
      choices.add(e);
      combos *= e.size();
    }
    int perImage = combos;
    int total =
        checkedCount(
            (long) perImage * train.size(),
            train,
            "mode enumerate (" + perImage + " versions per image)");
    return build(
        train,
        total,
        k -> k / perImage,
        (k, src, srcOff, out, outOff, scratch) -> {
          int[] pick = new int[steps.size()];
          int combo = k % perImage;
          for (int s = 0; s < steps.size(); s++) {
            pick[s] = combo % choices.get(s).size();
            combo /= choices.get(s).size();
          }
          chain(
              steps.size(),
              (j, a, aOff, b, bOff) -> choices.get(j).get(pick[j]).apply(a, aOff, b, bOff),
              src,
              srcOff,
              out,
              outOff,
              scratch,
              train.shape().size());
        });
  }

  /**
   * {@code images} expanded images (plus the originals when kept), or a {@link ConfigException}
   * when they would not fit in one array.
   */
  private int checkedCount(long images, ImageSet train, String what) {
    long all = images + (keepOriginal ? train.size() : 0);
    long values = all * train.shape().size();
    if (values > MAX_VALUES) {
      throw new ConfigException(
          "augment: "
              + what
              + " of "
              + train.size()
              + " images make "
              + all
              + " images of "
              + train.shape().size()
              + " values, "
              + values
              + " values in "
              + "all, more than one array holds ("
              + MAX_VALUES
              + "); use at most "
              + Math.max(
                  0, MAX_VALUES / train.shape().size() / train.size() - (keepOriginal ? 1 : 0))
              + " versions per image");
    }
    return (int) images;
  }

  /** Fresh distortions of every image for each epoch, or {@link OnTheFly#NONE}. */
  OnTheFly onTheFly(Seed seed) {
    if (onTheFly.isEmpty()) {
      return OnTheFly.NONE;
    }
    return (images, epoch) ->
        build(
            images,
            images.size(),
            k -> k,
            (k, src, srcOff, out, outOff, scratch) ->
                applyAll(
                    onTheFly,
                    src,
                    srcOff,
                    out,
                    outOff,
                    scratch,
                    images.shape(),
                    s -> seed.derive("epoch", epoch, k, s).random()));
  }

  /** Writes image k to {@code out} at {@code outOff} from its source image at {@code srcOff}. */
  private interface Maker {
    void make(int k, float[] src, int srcOff, float[] out, int outOff, float[][] scratch);
  }

  /** Transform j of a chain, from one image to another (never the same array region). */
  private interface Link {
    void apply(int j, float[] from, int fromOff, float[] to, int toOff);
  }

  /**
   * Builds {@code count} images in parallel, straight into the result array: the source is read in
   * place and intermediate results go to two scratch images per thread, so nothing is allocated per
   * image.
   */
  private static ImageSet build(
      ImageSet from, int count, java.util.function.IntUnaryOperator of, Maker maker) {
    int size = from.shape().size();
    float[] out = new float[count * size];
    int[] labels = new int[count];
    int[] sources = new int[count];
    ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][size]);
    IntStream.range(0, count)
        .parallel()
        .forEach(
            k -> {
              int i = of.applyAsInt(k);
              maker.make(k, from.pixels(), from.offset(i), out, k * size, scratch.get());
              labels[k] = from.labels()[i];
              sources[k] = from.sourceIndices()[i];
            });
    return new ImageSet(out, labels, from.shape(), sources);
  }

  /**
   * Runs links 0..n-1 from the source image to {@code out}, alternating between the two scratch
   * images in between; with no links the source is copied.
   */
  private static void chain(
      int n,
      Link link,
      float[] src,
      int srcOff,
      float[] out,
      int outOff,
      float[][] scratch,
      int size) {
    if (n == 0) {
      System.arraycopy(src, srcOff, out, outOff, size);
      return;
    }
    float[] a = src;
    int aOff = srcOff;
    for (int j = 0; j < n; j++) {
      boolean last = j == n - 1;
      float[] b = last ? out : scratch[j & 1];
      int bOff = last ? outOff : 0;
      link.apply(j, a, aOff, b, bOff);
      a = b;
      aOff = bOff;
    }
  }

  /**
   * Applies each step with its probability; {@code rng.apply(s)} is step s's generator, which first
   * decides whether the step applies and then samples its parameters.
   */
  private static void applyAll(
      List<Step> steps,
      float[] src,
      int srcOff,
      float[] out,
      int outOff,
      float[][] scratch,
      ImageShape shape,
      java.util.function.IntFunction<SplittableRandom> rng) {
    Bound.Applied[] chosen = new Bound.Applied[steps.size()];
    int n = 0;
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      SplittableRandom r = rng.apply(s);
      if (step.p() < 1 && r.nextDouble() >= step.p()) {
        continue;
      }
      chosen[n++] = step.transform().sample(shape, r);
    }
    chain(
        n,
        (j, a, aOff, b, bOff) -> chosen[j].apply(a, aOff, b, bOff),
        src,
        srcOff,
        out,
        outOff,
        scratch,
        shape.size());
  }

  /** A short description for results: "salt-pepper(p=0.5) x4 +orig", "shift enum x9". */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (expands()) {
      List<String> names = new ArrayList<>();
      for (Step s : steps) {
        names.add(s.p() < 1 && !"enumerate".equals(mode) ? s.id() + "(p=" + s.p() + ")" : s.id());
      }
      parts.add(
          String.join("+", names)
              + ("enumerate".equals(mode) ? " enumerated" : " x" + copies)
              + (keepOriginal ? " +orig" : ""));
    }
    if (!onTheFly.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Step s : onTheFly) {
        names.add(s.p() < 1 ? s.id() + "(p=" + s.p() + ")" : s.id());
      }
      parts.add("per-epoch " + String.join("+", names));
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  /** The plugins of its transforms. */
  List<PluginInfo> plugins() {
    java.util.LinkedHashSet<PluginInfo> all = new java.util.LinkedHashSet<>();
    steps.forEach(s -> all.add(s.transform().plugin()));
    onTheFly.forEach(s -> all.add(s.transform().plugin()));
    return List.copyOf(all);
  }

  /** Everything that identifies this pipeline, for the run hash. */
  Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode);
    m.put("copies", copies);
    m.put("keepOriginal", keepOriginal);
    m.put("steps", identity(steps));
    m.put("onTheFly", identity(onTheFly));
    return m;
  }

  private static List<Object> identity(List<Step> steps) {
    List<Object> list = new ArrayList<>();
    for (Step s : steps) {
      list.add(
          Map.of("id", s.id(), "p", s.p(), "params", ConfigBinder.toMap(s.transform().config())));
    }
    return list;
  }
}
