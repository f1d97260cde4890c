package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Augmentation;
import org.rmnist.api.Component;
import org.rmnist.api.ImageShape;

/**
 * The contract of an {@link Augmentation}, checked for each of {@link #configs()} on each of {@link
 * #shapes()}: same seed same bytes, different seeds differ as {@link #randomness()} says, one
 * thread equals two, the input is untouched, nothing is written outside the image, values stay in
 * [0, 1], offsets do not change the result, and the same params give the same output. Plus
 * everything {@link ComponentContract} checks.
 *
 * <pre>{@code
 * class NoiseContractTest extends AugmentationContract<NoiseConfig, NoiseAugmentation.Params> {
 *   protected NoiseAugmentation augmentation() { return new NoiseAugmentation(); }
 *   protected BadParameter outOfRange() {
 *     return BadParameter.of("amount", 2, "amount: must be in [0, 1], got 2.0");
 *   }
 * }
 * }</pre>
 *
 * @param <C> the config record
 * @param <P> the params of one application
 */
public abstract class AugmentationContract<C extends Record, P> extends ComponentContract<C> {

  /** How different seeds must change the output. */
  public enum Randomness {
    /** Not random: every seed gives the same image. */
    NONE,
    /** A few values (shifts by whole pixels): eight seeds give at least two images. */
    DISCRETE,
    /** Continuous parameters: eight seeds give eight different images. */
    CONTINUOUS
  }

  /** The augmentation under test. */
  protected abstract Augmentation<C, P> augmentation();

  @Override
  protected final Component<C> component() {
    return augmentation();
  }

  /** How different seeds must change the output; continuous unless overridden. */
  protected Randomness randomness() {
    return Randomness.CONTINUOUS;
  }

  /** Shapes to test on: MNIST's and an odd three-channel one. */
  protected List<ImageShape> shapes() {
    return List.of(ImageShape.MNIST, TestImages.ODD);
  }

  /** A test image (digit-like strokes); {@code variant} picks its texture. */
  protected float[] image(ImageShape shape, long variant) {
    return TestImages.digit(shape, variant);
  }

  private float[] run(C config, ImageShape shape, float[] src, long seed) {
    P params = augmentation().sample(config, shape, new SplittableRandom(seed));
    float[] dst = new float[shape.size()];
    augmentation().apply(config, params, src, 0, dst, 0, shape);
    return dst;
  }

  @Test
  void sameSeedSameBytes() {
    for (C config : configs()) {
      for (ImageShape shape : shapes()) {
        float[] src = image(shape, 1);
        for (long seed : new long[] {0, 7, -123456789L}) {
          assertArrayEquals(
              run(config, shape, src, seed),
              run(config, shape, src, seed),
              config + " " + shape + " seed " + seed);
        }
      }
    }
  }

  @Test
  void differentSeedsDifferAsDeclared() {
    for (C config : configs()) {
      for (ImageShape shape : shapes()) {
        float[] src = image(shape, 2);
        Set<String> distinct = new HashSet<>();
        int seeds = 8;
        for (long seed = 100; seed < 100 + seeds; seed++) {
          distinct.add(Arrays.toString(run(config, shape, src, seed)));
        }
        String what =
            config
                + " "
                + shape
                + ": "
                + distinct.size()
                + " distinct images from "
                + seeds
                + " seeds, declared "
                + randomness();
        switch (randomness()) {
          case NONE -> assertEquals(1, distinct.size(), what);
          case DISCRETE -> assertTrue(distinct.size() >= 2, what);
          case CONTINUOUS -> assertEquals(seeds, distinct.size(), what);
          default -> throw new AssertionError(randomness());
        }
      }
    }
  }

  @Test
  void oneThreadEqualsTwoThreads() throws Exception {
    ImageShape shape = shapes().get(0);
    float[] src = image(shape, 3);
    for (C config : configs()) {
      List<float[]> serial = new ArrayList<>();
      for (long k = 0; k < 32; k++) {
        serial.add(run(config, shape, src, k));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<float[]>> parallel = new ArrayList<>();
        for (long k = 0; k < 32; k++) {
          long seed = k;
          parallel.add(pool.submit(() -> run(config, shape, src, seed)));
        }
        for (int k = 0; k < 32; k++) {
          assertArrayEquals(serial.get(k), parallel.get(k).get(), config + " seed " + k);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void inputUntouchedAndOffsetsShapeAndRangeHold() {
    for (C config : configs()) {
      for (ImageShape shape : shapes()) {
        checkOneApply(config, shape);
      }
    }
  }

  private void checkOneApply(C config, ImageShape shape) {
    int n = shape.size();
    float[] image = image(shape, 4);
    float[] src = new float[n + 9];
    Arrays.fill(src, 0.75f);
    System.arraycopy(image, 0, src, 5, n);
    float[] srcCopy = src.clone();
    float[] dst = new float[n + 11];
    Arrays.fill(dst, -7f);
    P params = augmentation().sample(config, shape, new SplittableRandom(5));
    augmentation().apply(config, params, src, 5, dst, 3, shape);
    String where = config + " " + shape;
    assertArrayEquals(srcCopy, src, where + ": src was modified");
    for (int i = 0; i < dst.length; i++) {
      if (i < 3 || i >= 3 + n) {
        assertEquals(-7f, dst[i], where + ": wrote outside the image at " + i);
      } else {
        assertTrue(dst[i] >= 0f && dst[i] <= 1f, where + ": value " + dst[i] + " at " + (i - 3));
      }
    }
    float[] plain = new float[n];
    augmentation().apply(config, params, image, 0, plain, 0, shape);
    assertArrayEquals(plain, Arrays.copyOfRange(dst, 3, 3 + n), where + ": offsets change it");
  }

  @Test
  void sameParamsTwiceSameOutput() {
    for (C config : configs()) {
      for (ImageShape shape : shapes()) {
        float[] src = image(shape, 6);
        P params = augmentation().sample(config, shape, new SplittableRandom(6));
        float[] a = new float[shape.size()];
        float[] b = new float[shape.size()];
        Arrays.fill(a, Float.NaN); // apply must not read what dst held before
        Arrays.fill(b, 0.5f);
        augmentation().apply(config, params, src, 0, a, 0, shape);
        augmentation().apply(config, params, src, 0, b, 0, shape);
        assertArrayEquals(a, b, config + " " + shape);
      }
    }
  }

  @Test
  void enumeratedParamsApplyAndDiscreteOnesAreListed() {
    for (C config : configs()) {
      for (ImageShape shape : shapes()) {
        List<P> all = augmentation().enumerate(config, shape);
        float[] src = image(shape, 7);
        for (P params : all) {
          float[] dst = new float[shape.size()];
          augmentation().apply(config, params, src, 0, dst, 0, shape);
          for (float v : dst) {
            assertTrue(v >= 0f && v <= 1f, config + " " + params + ": value " + v);
          }
        }
        if (randomness() == Randomness.DISCRETE) {
          assertTrue(all.size() >= 2, config + ": a discrete transform enumerates its values");
        }
      }
    }
  }
}
