package org.rmnist.host.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.rmnist.api.Augmentation;
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

/**
 * A run's augmentation bound to its extensions: static expansion (random copies, or every
 * combination of discrete parameters) and on-the-fly steps for each epoch. Every (copy or epoch,
 * image, step) draws from its own key, so adding a step or changing a probability does not move the
 * other draws, and results do not depend on thread count or order.
 */
final class Pipeline {
  private final String mode;
  private final int copies;
  private final boolean keepOriginal;
  private final List<Step> steps;
  private final List<Step> onTheFly;

  /** One bound transform. */
  record Step(String id, Augmentation<Record, Object> augmentation, Record config, double p) {}

  private Pipeline(String mode, int copies, boolean keepOriginal, List<Step> steps,
      List<Step> onTheFly) {
    this.mode = mode;
    this.copies = copies;
    this.keepOriginal = keepOriginal;
    this.steps = steps;
    this.onTheFly = onTheFly;
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
        if (s.augmentation().enumerate(s.config(), ImageShape.MNIST).isEmpty()) {
          throw new ConfigException(where + ".augment.steps." + i + ": '" + s.id() + "' is a "
              + "continuous transform; mode enumerate needs discrete ones (e.g. shift)");
        }
      }
    }
    return new Pipeline(spec.mode(), spec.copies(), spec.keepOriginal(), steps, otf);
  }

  @SuppressWarnings("unchecked")
  private static List<Step> bindSteps(List<StepSpec> specs, PluginHost host, String where) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      StepSpec s = specs.get(i);
      String at = where + "." + i;
      var aug = (Augmentation<Record, Object>) host.get(ExtensionKind.AUGMENTATION, s.id(),
          at + ".id").component();
      steps.add(new Step(s.id(), aug, ConfigBinder.bind(aug, s.params(), at + ".params"), s.p()));
    }
    return List.copyOf(steps);
  }

  private boolean expands() {
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
    return build(train, copies * count, k -> k % count, (k, src, dst) -> {
      long source = train.sourceIndices()[k % count];
      applyAll(steps, src, dst, train.shape(),
          s -> seed.derive("augment", k / count, source, s).random());
    });
  }

  private ImageSet enumerate(ImageSet train) {
    List<List<Object>> choices = new ArrayList<>();
    int combos = 1;
    for (Step s : steps) {
      List<Object> e = s.augmentation().enumerate(s.config(), train.shape());
      choices.add(e);
      combos *= e.size();
    }
    int perImage = combos;
    return build(train, perImage * train.size(), k -> k / perImage, (k, src, dst) -> {
      int combo = k % perImage;
      float[] a = src;
      float[] b = dst;
      for (int s = 0; s < steps.size(); s++) {
        List<Object> e = choices.get(s);
        Step step = steps.get(s);
        step.augmentation().apply(step.config(), e.get(combo % e.size()), a, 0, b, 0,
            train.shape());
        combo /= e.size();
        float[] t = a;
        a = b;
        b = t;
      }
      if (a != dst) {
        System.arraycopy(a, 0, dst, 0, dst.length);
      }
    });
  }

  /** Fresh distortions of every image for each epoch, or {@link OnTheFly#NONE}. */
  OnTheFly onTheFly(Seed seed) {
    if (onTheFly.isEmpty()) {
      return OnTheFly.NONE;
    }
    return (images, epoch) -> build(images, images.size(), k -> k, (k, src, dst) ->
        applyAll(onTheFly, src, dst, images.shape(),
            s -> seed.derive("epoch", epoch, k, s).random()));
  }

  private interface Maker {
    void make(int k, float[] src, float[] dst);
  }

  private static ImageSet build(ImageSet from, int count, java.util.function.IntUnaryOperator of,
      Maker maker) {
    int size = from.shape().size();
    float[] out = new float[count * size];
    int[] labels = new int[count];
    int[] sources = new int[count];
    IntStream.range(0, count).parallel().forEach(k -> {
      int i = of.applyAsInt(k);
      float[] dst = new float[size];
      maker.make(k, from.image(i), dst);
      System.arraycopy(dst, 0, out, k * size, size);
      labels[k] = from.labels()[i];
      sources[k] = from.sourceIndices()[i];
    });
    return new ImageSet(out, labels, from.shape(), sources);
  }

  /**
   * Applies each step with its probability; {@code rng.apply(s)} is step s's generator. {@code src}
   * is a scratch copy that may be overwritten.
   */
  private static void applyAll(List<Step> steps, float[] src, float[] dst, ImageShape shape,
      java.util.function.IntFunction<SplittableRandom> rng) {
    float[] a = src;
    float[] b = dst;
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      SplittableRandom r = rng.apply(s);
      if (step.p() < 1 && r.nextDouble() >= step.p()) {
        continue;
      }
      Object params = step.augmentation().sample(step.config(), shape, r);
      step.augmentation().apply(step.config(), params, a, 0, b, 0, shape);
      float[] t = a;
      a = b;
      b = t;
    }
    if (a != dst) {
      System.arraycopy(a, 0, dst, 0, dst.length);
    }
  }

  /** A short description for results: "salt-pepper(p=0.5) x4 +orig", "shift enum x9". */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (expands()) {
      List<String> names = new ArrayList<>();
      for (Step s : steps) {
        names.add(s.p() < 1 && !"enumerate".equals(mode) ? s.id() + "(p=" + s.p() + ")" : s.id());
      }
      parts.add(String.join("+", names) + ("enumerate".equals(mode) ? " enumerated"
          : " x" + copies) + (keepOriginal ? " +orig" : ""));
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
      list.add(Map.of("id", s.id(), "p", s.p(), "params", ConfigBinder.toMap(s.config())));
    }
    return list;
  }
}
