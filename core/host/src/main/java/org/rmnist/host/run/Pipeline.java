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
import org.rmnist.api.Seed;
import org.rmnist.host.config.AugmentSpec;
import org.rmnist.host.config.StepSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;

/**
 * A run's augmentation, bound to its extensions: a list of steps, each applied with its probability.
 * Every (copy, image, step) draws from its own key, so adding a step or changing one probability
 * does not move the others' draws, and results do not depend on thread count.
 */
final class Pipeline {
  private final List<Step> steps;
  private final int copies;
  private final boolean keepOriginal;

  private record Step(String id, Augmentation<Record, Object> augmentation, Record config,
      double p) {}

  private Pipeline(List<Step> steps, int copies, boolean keepOriginal) {
    this.steps = steps;
    this.copies = copies;
    this.keepOriginal = keepOriginal;
  }

  /** No augmentation. */
  static final Pipeline NONE = new Pipeline(List.of(), 0, true);

  @SuppressWarnings("unchecked")
  static Pipeline bind(AugmentSpec spec, PluginHost host, String where) {
    if (spec == null) {
      return NONE;
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < spec.steps().size(); i++) {
      StepSpec s = spec.steps().get(i);
      String at = where + ".steps." + i;
      var aug = (Augmentation<Record, Object>) host.get(ExtensionKind.AUGMENTATION, s.id(),
          at + ".id").component();
      steps.add(new Step(s.id(), aug, ConfigBinder.bind(aug, s.params(), at + ".params"), s.p()));
    }
    return new Pipeline(List.copyOf(steps), spec.copies(), spec.keepOriginal());
  }

  boolean isNone() {
    return copies == 0 || steps.isEmpty();
  }

  /** The training set with {@code copies} distorted copies of each image (and the originals). */
  ImageSet expand(ImageSet train, Seed seed) {
    if (isNone()) {
      return train;
    }
    ImageShape shape = train.shape();
    int size = shape.size();
    int count = train.size();
    float[] out = new float[copies * count * size];
    int[] labels = new int[copies * count];
    int[] sources = new int[copies * count];
    IntStream.range(0, copies * count).parallel().forEach(k -> {
      int copy = k / count;
      int i = k % count;
      float[] a = train.image(i);
      float[] b = new float[size];
      for (int s = 0; s < steps.size(); s++) {
        Step step = steps.get(s);
        SplittableRandom rng = seed.derive("augment", copy, train.sourceIndices()[i], s).random();
        if (step.p() < 1 && rng.nextDouble() >= step.p()) {
          continue;
        }
        Object params = step.augmentation().sample(step.config(), shape, rng);
        step.augmentation().apply(step.config(), params, a, 0, b, 0, shape);
        float[] t = a;
        a = b;
        b = t;
      }
      System.arraycopy(a, 0, out, k * size, size);
      labels[k] = train.labels()[i];
      sources[k] = train.sourceIndices()[i];
    });
    ImageSet copiesSet = new ImageSet(out, labels, shape, sources);
    return keepOriginal ? train.concat(copiesSet) : copiesSet;
  }

  /** A short description for results: "salt-pepper(p=0.5)x4+orig". */
  String describe() {
    if (isNone()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Step s : steps) {
      parts.add(s.p() < 1 ? s.id() + "(p=" + s.p() + ")" : s.id());
    }
    return String.join("+", parts) + " x" + copies + (keepOriginal ? " +orig" : "");
  }

  /** Everything that identifies this pipeline, for the run hash. */
  Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("copies", copies);
    m.put("keepOriginal", keepOriginal);
    List<Object> list = new ArrayList<>();
    for (Step s : steps) {
      list.add(Map.of("id", s.id(), "p", s.p(), "params", ConfigBinder.toMap(s.config())));
    }
    m.put("steps", list);
    return m;
  }
}
