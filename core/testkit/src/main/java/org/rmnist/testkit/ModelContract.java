package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.Component;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Predictions;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;

/**
 * The contract of a {@link Model}, trained on a few tiny images with {@link #config()} (make it
 * fast: few epochs, few trees): the same seed gives the same probabilities, a different seed
 * different ones when {@link #randomTraining()}, one thread the same as two, save then load the
 * same predictions, predictions are probabilities with one column per class of the context (also
 * when the training set lacks a class), loading from an empty folder fails naming it, and training
 * leaves its input untouched. Plus everything {@link ComponentContract} checks.
 *
 * <pre>{@code
 * class CentroidContractTest extends ModelContract<CentroidConfig> {
 *   protected Model<CentroidConfig> model() { return new CentroidModel(); }
 *   protected BadParameter outOfRange() {
 *     return BadParameter.of("shrink", -1, "shrink: must be >= 0, got -1.0");
 *   }
 *   protected boolean randomTraining() { return false; }
 * }
 * }</pre>
 *
 * @param <C> the config record
 */
public abstract class ModelContract<C extends Record> extends ComponentContract<C> {
  private final Map<String, Fit> fits = new HashMap<>();

  @TempDir Path work;

  /** What one training gave: test probabilities, those of the model saved and loaded back. */
  private record Fit(Predictions predictions, Predictions loaded, boolean inputUntouched) {}

  /** The model under test. */
  protected abstract Model<C> model();

  @Override
  protected final Component<C> component() {
    return model();
  }

  /** The config the tests train with: the defaults unless overridden (make it fast). */
  protected C config() {
    return model().defaults();
  }

  @Override
  protected List<C> configs() {
    return List.of(model().defaults(), config());
  }

  /** Whether training draws random numbers, so that another seed gives another model. */
  protected boolean randomTraining() {
    return true;
  }

  /**
   * The unlabelled images every fit's context holds (default none): a model of the unlabelled track
   * that needs them overrides this.
   */
  protected UnlabelledImages unlabelled() {
    return UnlabelledImages.none(train().shape());
  }

  /** The number of classes the context gives (labels of {@link #train()} lie below it). */
  protected int classes() {
    return 10;
  }

  /** Training images: three 28x28 blobs per class unless overridden. */
  protected ImageSet train() {
    return TestImages.blobs(classes(), 3, 1);
  }

  /** Validation images, given to {@code fit}. */
  protected ImageSet validation() {
    return TestImages.blobs(classes(), 1, 2);
  }

  /** Images whose predictions are compared. */
  protected ImageSet test() {
    return TestImages.blobs(classes(), 2, 3);
  }

  private Fit fit(long seed, int threads, int replica) {
    String key = seed + "-t" + threads + "-r" + replica;
    Fit known = fits.get(key);
    if (known != null) {
      return known;
    }
    try {
      Path dir = Files.createDirectories(work.resolve(key));
      ImageSet train = train();
      ImageSet validation = validation();
      float[] trainCopy = train.pixels().clone();
      float[] validationCopy = validation.pixels().clone();
      int[] trainLabels = train.labels().clone();
      int[] validationLabels = validation.labels().clone();
      TrainContext ctx =
          new TrainContext(
              new Seed(seed),
              classes(),
              Progress.NONE,
              dir.resolve("work"),
              threads,
              OnTheFly.NONE,
              unlabelled());
      Fit fit;
      try (TrainedModel trained = model().fit(config(), train, validation, ctx)) {
        Predictions p = trained.predict(test());
        Predictions loaded = null;
        if (replica == 0 && threads == 1) {
          trained.save(dir.resolve("model"));
          try (TrainedModel back = model().load(config(), dir.resolve("model"))) {
            loaded = back.predict(test());
          }
        }
        fit =
            new Fit(
                p,
                loaded,
                Arrays.equals(trainCopy, train.pixels())
                    && Arrays.equals(validationCopy, validation.pixels())
                    && Arrays.equals(trainLabels, train.labels())
                    && Arrays.equals(validationLabels, validation.labels()));
      }
      fits.put(key, fit);
      return fit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Fit reference() {
    return fit(1, 1, 0);
  }

  @Test
  void sameSeedSameProbabilities() {
    assertArrayEquals(
        reference().predictions().probabilities(),
        fit(1, 1, 1).predictions().probabilities(),
        "two trainings with seed 1");
  }

  @Test
  void differentSeedsDifferWhenTrainingIsRandom() {
    float[] a = reference().predictions().probabilities();
    float[] b = fit(2, 1, 0).predictions().probabilities();
    if (randomTraining()) {
      assertFalse(
          Arrays.equals(a, b),
          "seeds 1 and 2 gave the same probabilities; if training "
              + "draws no random numbers, override randomTraining() to return false");
    } else {
      assertArrayEquals(a, b, "declared not random, yet seeds 1 and 2 differ");
    }
  }

  @Test
  void oneThreadEqualsTwoThreads() {
    assertArrayEquals(
        reference().predictions().probabilities(),
        fit(1, 2, 0).predictions().probabilities(),
        "threads 1 and 2");
  }

  @Test
  void saveThenLoadGivesIdenticalPredictions() {
    assertArrayEquals(
        reference().predictions().probabilities(),
        reference().loaded().probabilities(),
        "predictions after save and load");
  }

  @Test
  void predictionsAreProbabilitiesOverTheContextsClasses() {
    Predictions p = reference().predictions();
    assertEquals(classes(), p.classes(), "columns");
    assertEquals(test().size(), p.size(), "rows");
    float[] all = p.probabilities();
    for (int i = 0; i < p.size(); i++) {
      double sum = 0;
      for (int c = 0; c < classes(); c++) {
        float v = all[i * classes() + c];
        assertTrue(v >= 0f && v <= 1f, "row " + i + " class " + c + ": " + v);
        sum += v;
      }
      assertEquals(1.0, sum, 1e-4, "row " + i + " sums to " + sum);
    }
  }

  @Test
  void aClassMissingFromTrainingStillGetsItsColumn() throws IOException {
    ImageSet train = train();
    int last = classes() - 1;
    int[] keep = IntStream.range(0, train.size()).filter(i -> train.labels()[i] != last).toArray();
    Path dir = Files.createDirectories(work.resolve("missing-class"));
    TrainContext ctx =
        new TrainContext(
            new Seed(1),
            classes(),
            Progress.NONE,
            dir.resolve("work"),
            1,
            OnTheFly.NONE,
            unlabelled());
    try (TrainedModel trained = model().fit(config(), train.select(keep), validation(), ctx)) {
      assertEquals(
          classes(),
          trained.predict(test()).classes(),
          "class "
              + last
              + " is not in the training set, but the context says there are "
              + classes());
      trained.save(dir.resolve("model"));
      try (TrainedModel back = model().load(config(), dir.resolve("model"))) {
        assertEquals(classes(), back.predict(test()).classes(), "after save and load");
      }
    }
  }

  @Test
  void loadingFromAnEmptyFolderFailsNamingIt() throws IOException {
    Path empty = Files.createDirectories(work.resolve("empty"));
    IOException e = assertThrows(IOException.class, () -> model().load(config(), empty));
    assertTrue(
        String.valueOf(e.getMessage()).contains(empty.toString()),
        "the message names the folder: " + e.getMessage());
  }

  @Test
  void trainingLeavesItsInputUntouched() {
    assertTrue(
        reference().inputUntouched(), "fit modified the training or validation pixels or labels");
  }
}
