package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Component;
import org.rmnist.api.DataContext;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Progress;
import org.rmnist.api.Splits;

/**
 * The contract of a {@link Dataset}, loaded with {@link #config()} from the small files that {@link
 * #context()} points at: the same request gives the same splits, another draw seed another training
 * set when {@link #randomDraw()}, the training set holds N images of every class, pixels lie in [0,
 * 1], labels below the class count, and the splits share one image shape. Datasets take no thread
 * count, so there is none to vary. Plus everything {@link ComponentContract} checks.
 *
 * @param <C> the config record
 */
public abstract class DatasetContract<C extends Record> extends ComponentContract<C> {
  private final Map<Long, Splits> loads = new HashMap<>();

  /** The dataset under test. */
  protected abstract Dataset<C> dataset();

  /** Where the dataset finds its (small, test-made) files; see {@link #lookIn}. */
  protected abstract DataContext context();

  @Override
  protected final Component<C> component() {
    return dataset();
  }

  /** The config the tests load with: the defaults unless overridden. */
  protected C config() {
    return dataset().defaults();
  }

  @Override
  protected List<C> configs() {
    return List.of(dataset().defaults(), config());
  }

  /** Images per class the tests ask for. */
  protected int n() {
    return 2;
  }

  /** Whether the draw depends on the draw seed (a fixed published subset does not). */
  protected boolean randomDraw() {
    return true;
  }

  /** A context that looks for every data set in these folders, in order. */
  public static DataContext lookIn(Path... folders) {
    List<Path> list = List.of(folders);
    return new DataContext() {
      @Override
      public List<Path> locations(String dataset) {
        return list;
      }

      @Override
      public String howToGet(String dataset) {
        return "the test writes " + dataset + "'s files into " + list;
      }

      @Override
      public Progress progress() {
        return Progress.NONE;
      }
    };
  }

  private Splits load(long drawSeed) {
    return loads.computeIfAbsent(
        drawSeed,
        seed -> {
          try {
            return dataset().load(config(), new DatasetRequest(n(), seed), context());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private Splits loadAgain(long drawSeed) throws IOException {
    return dataset().load(config(), new DatasetRequest(n(), drawSeed), context());
  }

  private static void assertSame(ImageSet a, ImageSet b, String what) {
    assertArrayEquals(a.pixels(), b.pixels(), what + " pixels");
    assertArrayEquals(a.labels(), b.labels(), what + " labels");
    assertArrayEquals(a.sourceIndices(), b.sourceIndices(), what + " source indices");
  }

  @Test
  void sameRequestSameSplits() throws IOException {
    Splits a = load(1);
    Splits b = loadAgain(1);
    assertSame(a.train(), b.train(), "train");
    assertSame(a.validation(), b.validation(), "validation");
    assertEquals(a.test().isPresent(), b.test().isPresent(), "test split present");
    if (a.test().isPresent()) {
      assertSame(a.test().get(), b.test().get(), "test");
    }
    assertEquals(a.provenance(), b.provenance(), "provenance");
  }

  @Test
  void anotherDrawSeedDrawsAnotherSetWhenRandom() {
    int[] a = load(1).train().sourceIndices();
    int[] b = load(2).train().sourceIndices();
    if (randomDraw()) {
      assertFalse(
          Arrays.equals(a, b),
          "draw seeds 1 and 2 drew the same images; if the draw "
              + "is fixed, override randomDraw() to return false");
    } else {
      assertArrayEquals(a, b, "declared a fixed draw, yet draw seeds 1 and 2 differ");
    }
  }

  @Test
  void trainingSetHoldsNImagesOfEveryClass() {
    Splits s = load(1);
    int[] expected = new int[s.classes()];
    Arrays.fill(expected, n());
    assertArrayEquals(expected, s.train().classCounts(s.classes()), "train class counts");
  }

  @Test
  void pixelsInRangeLabelsBelowTheClassCount() {
    Splits s = load(1);
    for (ImageSet set : everySet(s)) {
      for (float v : set.pixels()) {
        assertTrue(v >= 0f && v <= 1f, "pixel value " + v);
      }
      for (int label : set.labels()) {
        assertTrue(label >= 0 && label < s.classes(), "label " + label);
      }
    }
  }

  @Test
  void splitsShareOneShapeAndValidationIsNotEmpty() {
    Splits s = load(1);
    for (ImageSet set : everySet(s)) {
      assertEquals(s.train().shape(), set.shape());
    }
    assertTrue(s.validation().size() > 0, "empty validation set");
  }

  private static List<ImageSet> everySet(Splits s) {
    return s.test().isPresent()
        ? List.of(s.train(), s.validation(), s.test().get())
        : List.of(s.train(), s.validation());
  }
}
