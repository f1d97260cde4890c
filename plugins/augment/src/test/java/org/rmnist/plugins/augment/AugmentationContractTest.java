package org.rmnist.plugins.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/**
 * One table of (id, config) drives the contract every augmentation keeps (CONTRIBUTING.md, Tests):
 * same seed same bytes, different seeds differ, 1 thread equals N threads, input untouched, shape,
 * offsets and range hold, the same params give the same output, the config round-trips and a bad
 * value fails with a message naming its key.
 */
class AugmentationContractTest {

  /**
   * One row: an extension with a config, whether distinct seeds must give distinct images, and a
   * bad config with the exact message it must fail with.
   */
  record Case(String id, Augmentation<Record, Object> aug, Record config, boolean continuous,
      Supplier<Record> bad, String message) {
    @Override
    public String toString() {
      return id + " " + config;
    }
  }

  @SuppressWarnings("unchecked")
  private static Case row(String id, Augmentation<?, ?> aug, Record config, boolean continuous,
      Supplier<Record> bad, String message) {
    return new Case(id, (Augmentation<Record, Object>) aug, config, continuous, bad, message);
  }

  static Stream<Case> table() {
    var shift = new ShiftAugmentation();
    var rotate = new RotateAugmentation();
    var affine = new AffineAugmentation();
    var elastic = new ElasticAugmentation();
    var intensity = new IntensityAugmentation();
    return Stream.of(
        row("shift", shift, ShiftConfig.defaults(), false,
            () -> new ShiftConfig(-1), "max: must be in [0, 64], got -1"),
        row("shift", shift, new ShiftConfig(3), false,
            () -> new ShiftConfig(65), "max: must be in [0, 64], got 65"),
        row("rotate", rotate, RotateConfig.defaults(), true,
            () -> new RotateConfig(181), "degrees: must be in [0, 180], got 181.0"),
        row("affine", affine, AffineConfig.defaults(), true,
            () -> new AffineConfig(10, 1.5, false, 10, 2), "scale: must be in [0, 0.9], got 1.5"),
        row("affine", affine, new AffineConfig(30, 0.2, true, 20, 3.5), true,
            () -> new AffineConfig(30, 0.2, true, Double.NaN, 3.5),
            "shear: must be in [0, 60], got NaN"),
        row("elastic", elastic, ElasticConfig.defaults(), true,
            () -> new ElasticConfig(-1, 4), "alpha: must be in [0, 1000], got -1.0"),
        row("elastic", elastic, new ElasticConfig(8, 1.5), true,
            () -> new ElasticConfig(8, 51), "sigma: must be in [0, 50], got 51.0"),
        row("intensity", intensity, IntensityConfig.defaults(), true,
            () -> new IntensityConfig(2, 0.1, 0.2, 0.5), "noise: must be in [0, 1], got 2.0"),
        row("intensity", intensity, new IntensityConfig(0, 0, 0, 1), true,
            () -> new IntensityConfig(0, 0, 0, -0.1), "thickness: must be in [0, 1], got -0.1"),
        row("intensity", intensity, new IntensityConfig(0, 0.3, 0.5, 0), true,
            () -> new IntensityConfig(0, 0.3, 1.01, 0), "contrast: must be in [0, 1], got 1.01"));
  }

  private static final List<ImageShape> SHAPES = List.of(Images.MNIST, Images.ODD);

  private static float[] run(Case c, ImageShape shape, float[] src, long seed) {
    Object params = c.aug().sample(c.config(), shape, new SplittableRandom(seed));
    float[] dst = new float[shape.size()];
    c.aug().apply(c.config(), params, src, 0, dst, 0, shape);
    return dst;
  }

  @ParameterizedTest
  @MethodSource("table")
  void identifiesItself(Case c) {
    assertEquals(c.id(), c.aug().id());
    assertTrue(c.aug().id().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "kebab-case id");
    assertFalse(c.aug().summary().isBlank());
    assertNotNull(c.aug().getClass().getAnnotation(Extension.class), "@Extension");
    assertTrue(c.aug().configType().isInstance(c.config()));
  }

  @ParameterizedTest
  @MethodSource("table")
  void sameSeedSameBytes(Case c) {
    for (ImageShape shape : SHAPES) {
      float[] src = Images.digit(shape, 1);
      for (long seed : new long[] {0, 7, -123456789L}) {
        assertArrayEquals(run(c, shape, src, seed), run(c, shape, src, seed), shape + " " + seed);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("table")
  void differentSeedsDiffer(Case c) {
    for (ImageShape shape : SHAPES) {
      float[] src = Images.digit(shape, 2);
      Set<String> distinct = new HashSet<>();
      int seeds = 8;
      for (long seed = 100; seed < 100 + seeds; seed++) {
        distinct.add(Arrays.toString(run(c, shape, src, seed)));
      }
      int atLeast = c.continuous() ? seeds : 2;
      assertTrue(distinct.size() >= atLeast,
          shape + ": " + distinct.size() + " distinct images from " + seeds + " seeds");
    }
  }

  @ParameterizedTest
  @MethodSource("table")
  void oneThreadEqualsManyThreads(Case c) {
    ImageShape shape = Images.MNIST;
    float[] src = Images.digit(shape, 3);
    float[][] serial = new float[64][];
    for (int k = 0; k < serial.length; k++) {
      serial[k] = run(c, shape, src, k);
    }
    float[][] parallel = new float[64][];
    IntStream.range(0, parallel.length).parallel()
        .forEach(k -> parallel[k] = run(c, shape, src, k));
    for (int k = 0; k < serial.length; k++) {
      assertArrayEquals(serial[k], parallel[k], "seed " + k);
    }
  }

  @ParameterizedTest
  @MethodSource("table")
  void inputUntouchedAndOffsetsShapeRangeHold(Case c) {
    for (ImageShape shape : SHAPES) {
      int n = shape.size();
      float[] image = Images.digit(shape, 4);
      float[] src = new float[n + 9];
      Arrays.fill(src, 0.75f);
      System.arraycopy(image, 0, src, 5, n);
      float[] srcCopy = src.clone();
      float[] dst = new float[n + 11];
      Arrays.fill(dst, -7f);
      Object params = c.aug().sample(c.config(), shape, new SplittableRandom(5));
      c.aug().apply(c.config(), params, src, 5, dst, 3, shape);

      assertArrayEquals(srcCopy, src, "src was modified");
      for (int i = 0; i < dst.length; i++) {
        if (i < 3 || i >= 3 + n) {
          assertEquals(-7f, dst[i], "wrote outside the image at " + i);
        } else {
          assertTrue(dst[i] >= 0f && dst[i] <= 1f, "value " + dst[i] + " at " + (i - 3));
        }
      }
      float[] plain = new float[n];
      c.aug().apply(c.config(), params, image, 0, plain, 0, shape);
      assertArrayEquals(plain, Arrays.copyOfRange(dst, 3, 3 + n), "offsets change the result");
    }
  }

  @ParameterizedTest
  @MethodSource("table")
  void sameParamsTwiceSameOutput(Case c) {
    for (ImageShape shape : SHAPES) {
      float[] src = Images.digit(shape, 6);
      Object params = c.aug().sample(c.config(), shape, new SplittableRandom(6));
      float[] a = new float[shape.size()];
      float[] b = new float[shape.size()];
      Arrays.fill(a, Float.NaN); // apply must not read what dst held before
      Arrays.fill(b, 0.5f);
      c.aug().apply(c.config(), params, src, 0, a, 0, shape);
      c.aug().apply(c.config(), params, src, 0, b, 0, shape);
      assertArrayEquals(a, b);
    }
  }

  @ParameterizedTest
  @MethodSource("table")
  void configRoundTripsAndBadValueNamesItsKey(Case c) throws ReflectiveOperationException {
    Record config = c.config();
    assertEquals(config, copy(config), "canonical constructor round trip");
    assertEquals(c.aug().defaults(), copy(c.aug().defaults()), "defaults round trip");
    assertEquals(c.aug().configType(), c.aug().defaults().getClass());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.bad()::get);
    assertEquals(c.message(), e.getMessage());
  }

  /** A new record from the accessor values of {@code r}, through its canonical constructor. */
  static Record copy(Record r) throws ReflectiveOperationException {
    RecordComponent[] parts = r.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[parts.length];
    Object[] values = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      types[i] = parts[i].getType();
      values[i] = parts[i].getAccessor().invoke(r);
    }
    try {
      return (Record) r.getClass().getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    }
  }
}
