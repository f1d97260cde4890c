package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.Component;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainingSetBuilder;

/**
 * The contract of a {@link TrainingSetBuilder}, on a small pool of labelled blobs ({@link
 * #pool()}): N images of every class come back in the pool's shape, the same request gives the same
 * set, soft labels come exactly when {@link TrainingSetBuilder#softLabels} says so (one
 * distribution over the classes per image), the pool is left untouched, N larger than a class has
 * is refused naming {@code n}, and a builder of chosen real images ({@link #choosesRealImages()})
 * returns pool images with their own source indices, none twice. Plus everything {@link
 * ComponentContract} checks.
 *
 * @param <C> the config record
 */
public abstract class TrainingSetBuilderContract<C extends Record> extends ComponentContract<C> {
  @TempDir protected Path work;

  /** The builder under test. */
  protected abstract TrainingSetBuilder<C> builder();

  @Override
  protected final Component<C> component() {
    return builder();
  }

  /** The config the tests build with: the defaults unless overridden. */
  protected C config() {
    return builder().defaults();
  }

  @Override
  protected List<C> configs() {
    return List.of(builder().defaults(), config());
  }

  /** Whether the builder returns pool images (a coreset) rather than synthetic ones. */
  protected boolean choosesRealImages() {
    return true;
  }

  /**
   * The pool: 4 classes of 12 blobs each (28×28), with source indices 1000.. so that a builder that
   * returns positions instead of the pool's indices is caught.
   */
  protected ImageSet pool() {
    ImageSet b = TestImages.blobs(4, 12, 7);
    int[] src = new int[b.size()];
    Arrays.setAll(src, i -> 1000 + i);
    return new ImageSet(b.pixels(), b.labels(), b.shape(), src);
  }

  /** The pool's features when the builder reads them: per image its 28 row means. */
  protected Optional<ImageSet> features(C config, ImageSet pool) {
    if (!builder().usesFeatures(config)) {
      return Optional.empty();
    }
    int h = pool.shape().height();
    int w = pool.shape().width();
    float[] f = new float[pool.size() * h];
    for (int i = 0; i < pool.size(); i++) {
      for (int y = 0; y < h; y++) {
        float s = 0;
        for (int x = 0; x < w; x++) {
          s += pool.pixels()[pool.offset(i) + y * w + x];
        }
        f[i * h + y] = s / w;
      }
    }
    return Optional.of(
        new ImageSet(f, pool.labels(), new ImageShape(h, 1, 1), pool.sourceIndices()));
  }

  /**
   * The set the builder starts from when it reads one ({@link TrainingSetBuilder#startsFrom}): by
   * default the first {@code n} pool images of each class, class by class; empty when it reads none
   * or a class has fewer than {@code n}.
   */
  protected Optional<ImageSet> start(C config, ImageSet pool, int n) {
    if (!builder().startsFrom(config)) {
      return Optional.empty();
    }
    int[] at = new int[4 * n];
    int[] taken = new int[4];
    for (int i = 0; i < pool.size(); i++) {
      int c = pool.labels()[i];
      if (taken[c] < n) {
        at[c * n + taken[c]++] = i;
      }
    }
    for (int count : taken) {
      if (count < n) {
        return Optional.empty();
      }
    }
    return Optional.of(pool.select(at));
  }

  private BuiltSet build(C config, ImageSet pool, int n, long seed) throws IOException {
    BuildRequest request =
        new BuildRequest(
            pool, features(config, pool), n, 4, new Seed(seed), start(config, pool, n));
    return builder().build(config, request, new BuildContext(Progress.NONE, work, 1));
  }

  @Test
  void nImagesOfEveryClassInThePoolsShape() throws IOException {
    for (C config : configs()) {
      for (int n : new int[] {1, 3}) {
        BuiltSet built = build(config, pool(), n, 1);
        ImageSet set = built.images();
        assertEquals(pool().shape(), set.shape(), "shape of the built set");
        checkSoftLabels(config, built);
        int[] count = new int[4];
        for (int label : set.labels()) {
          assertTrue(label >= 0 && label < 4, "label " + label + " outside 0..3");
          count[label]++;
        }
        assertArrayEquals(new int[] {n, n, n, n}, count, "images per class for n = " + n);
        for (float v : set.pixels()) {
          assertTrue(Float.isFinite(v), "a pixel of the built set is " + v);
        }
      }
    }
  }

  private void checkSoftLabels(C config, BuiltSet built) {
    float[] soft = built.softLabels();
    if (!builder().softLabels(config)) {
      assertTrue(soft == null, "soft labels though softLabels(config) is false");
      return;
    }
    assertTrue(soft != null, "no soft labels though softLabels(config) is true");
    assertEquals(built.images().size() * 4, soft.length, "soft labels: a row of 4 per image");
    for (int i = 0; i < built.images().size(); i++) {
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        assertTrue(soft[i * 4 + k] >= 0, "soft label " + soft[i * 4 + k]);
        sum += soft[i * 4 + k];
      }
      assertEquals(1, sum, 1e-3, "soft labels of image " + i + " sum to");
    }
  }

  @Test
  void theSameRequestGivesTheSameSet() throws IOException {
    for (C config : configs()) {
      BuiltSet first = build(config, pool(), 2, 5);
      BuiltSet second = build(config, pool(), 2, 5);
      assertArrayEquals(first.softLabels(), second.softLabels(), "soft labels of two builds");
      ImageSet a = first.images();
      ImageSet b = second.images();
      assertArrayEquals(a.pixels(), b.pixels(), "pixels of two builds with seed 5");
      assertArrayEquals(a.labels(), b.labels(), "labels of two builds with seed 5");
      assertArrayEquals(a.sourceIndices(), b.sourceIndices(), "source indices of two builds");
    }
  }

  @Test
  void thePoolIsLeftUntouched() throws IOException {
    ImageSet pool = pool();
    float[] pixels = pool.pixels().clone();
    int[] labels = pool.labels().clone();
    build(config(), pool, 2, 3);
    assertArrayEquals(pixels, pool.pixels(), "build modified the pool's pixels");
    assertArrayEquals(labels, pool.labels(), "build modified the pool's labels");
  }

  @Test
  void chosenImagesAreThePoolsOwnWithTheirIndices() throws IOException {
    if (!choosesRealImages()) {
      return;
    }
    ImageSet pool = pool();
    Map<Integer, Integer> at = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      at.put(pool.sourceIndices()[i], i);
    }
    ImageSet set = build(config(), pool, 3, 2).images();
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < set.size(); k++) {
      int src = set.sourceIndices()[k];
      assertTrue(at.containsKey(src), "source index " + src + " is not one of the pool's");
      assertTrue(seen.add(src), "pool image " + src + " chosen twice");
      int i = at.get(src);
      assertEquals(pool.labels()[i], set.labels()[k], "label of pool image " + src);
      assertArrayEquals(pool.image(i), set.image(k), "pixels of pool image " + src);
    }
  }

  @Test
  void nLargerThanAClassHasIsRefusedNamingN() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> build(config(), pool(), 13, 1));
    assertTrue(e.getMessage().startsWith("n: "), "message should name n: " + e.getMessage());
  }
}
