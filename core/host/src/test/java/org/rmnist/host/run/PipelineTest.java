package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Augmentation;
import org.rmnist.api.Doc;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;
import org.rmnist.host.plugin.PluginHost.PluginInfo;
import org.rmnist.host.run.Pipeline.Step;

/** What the host's augmentation pipeline writes, image by image. */
class PipelineTest {

  /** Adds a constant to every pixel: steps compose by addition, so chains are easy to check. */
  static final class Add implements Augmentation<Add.Config, Float> {
    record Config(@Doc("largest addend") int max) {}

    @Override
    public String id() {
      return "add";
    }

    @Override
    public String summary() {
      return "adds 0..max to every pixel";
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaults() {
      return new Config(3);
    }

    @Override
    public Float sample(Config c, ImageShape shape, RandomGenerator r) {
      return (float) r.nextInt(c.max() + 1);
    }

    @Override
    public void apply(
        Config c, Float k, float[] src, int so, float[] dst, int d, ImageShape shape) {
      for (int i = 0; i < shape.size(); i++) {
        dst[d + i] = src[so + i] + k;
      }
    }

    @Override
    public List<Float> enumerate(Config c, ImageShape shape) {
      List<Float> all = new ArrayList<>();
      for (int k = 0; k <= c.max(); k++) {
        all.add((float) k);
      }
      return all;
    }
  }

  private static Step step(int max, double p) {
    return new Step(
        "add",
        new Bound.Transform<>(
            new Add(),
            new Add.Config(max),
            new PluginInfo("test", "1", Path.of("test.jar"), "STARTED", null)),
        p);
  }

  private static final ImageShape SHAPE = new ImageShape(1, 2, 2);

  /** Image i has every pixel equal to 100 * i. */
  private static ImageSet images(int count) {
    float[] px = new float[count * SHAPE.size()];
    int[] labels = new int[count];
    int[] sources = new int[count];
    for (int i = 0; i < count; i++) {
      Arrays.fill(px, i * SHAPE.size(), (i + 1) * SHAPE.size(), 100f * i);
      labels[i] = i % 3;
      sources[i] = 1000 + i;
    }
    return new ImageSet(px, labels, SHAPE, sources);
  }

  @Test
  void copiesThatWouldOverflowAnArrayAreRefused() {
    Pipeline p = Pipeline.of("random", 100_000, true, List.of(step(1, 1)), List.of());
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class, () -> p.expand(images(10_000), new Seed(0)));
    assertEquals(
        "augment: copies 100000 of 10000 images make 1000010000 images of 4 values, "
            + "4000040000 values in all, more than one array holds (2147483639); use at most 53686 "
            + "versions per image",
        e.getMessage());
  }

  @Test
  void enumerateWritesEveryCombinationOfAChainInOrder() {
    Pipeline p = Pipeline.of("enumerate", 0, false, List.of(step(1, 1), step(2, 1)), List.of());
    ImageSet src = images(2);
    ImageSet out = p.expand(src, new Seed(0));
    assertEquals(2 * 6, out.size());
    for (int k = 0; k < out.size(); k++) {
      int image = k / 6;
      int combo = k % 6;
      float expected = 100f * image + combo % 2 + combo / 2;
      float[] px = out.image(k);
      for (float v : px) {
        assertEquals(expected, v, "image " + k);
      }
      assertEquals(src.labels()[image], out.labels()[k]);
      assertEquals(1000 + image, out.sourceIndices()[k]);
    }
    assertArrayEquals(new float[] {0, 0, 0, 0}, src.image(0), "the source is not written");
  }

  @Test
  void randomCopiesKeepTheOriginalsFirstAndHonourProbabilities() {
    Pipeline never = Pipeline.of("random", 3, true, List.of(step(5, 0.0)), List.of());
    ImageSet out = never.expand(images(4), new Seed(7));
    assertEquals(16, out.size());
    for (int k = 0; k < 16; k++) {
      assertEquals(100f * (k % 4), out.image(k)[0], "p = 0 copies are plain copies");
    }
    Pipeline always = Pipeline.of("random", 50, false, List.of(step(5, 1.0)), List.of());
    ImageSet many = always.expand(images(1), new Seed(7));
    boolean[] seen = new boolean[6];
    for (int k = 0; k < many.size(); k++) {
      seen[(int) many.image(k)[0]] = true;
    }
    for (boolean s : seen) {
      assertEquals(true, s, "50 draws of 0..5 hit every value: " + Arrays.toString(seen));
    }
  }

  @Test
  void onTheFlyIsReproducibleChangesPerEpochAndIgnoresThreadCount() throws Exception {
    Pipeline p =
        Pipeline.of("random", 0, true, List.of(), List.of(step(1000, 1.0), step(1000, 0.5)));
    ImageSet src = images(200);
    ImageSet e0 = p.onTheFly(new Seed(3)).epoch(src, 0);
    ImageSet again = p.onTheFly(new Seed(3)).epoch(src, 0);
    ImageSet e1 = p.onTheFly(new Seed(3)).epoch(src, 1);
    ForkJoinPool one = new ForkJoinPool(1);
    ImageSet single = one.submit(() -> p.onTheFly(new Seed(3)).epoch(src, 0)).get();
    one.shutdown();
    assertArrayEquals(e0.pixels(), again.pixels());
    assertArrayEquals(e0.pixels(), single.pixels(), "one thread gives the same images");
    assertFalse(Arrays.equals(e0.pixels(), e1.pixels()), "a new epoch draws new distortions");
    for (int k = 0; k < src.size(); k++) {
      float[] px = e0.image(k);
      assertEquals(px[0], px[3], "one draw per image, applied to all its pixels");
      assertEquals(true, px[0] >= 100f * k && px[0] <= 100f * k + 2000, "image " + k);
    }
  }
}
