package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Model;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainedModel;

/** The contract every baseline keeps, run over a table of (model, config). */
class BaselineModelsTest {
  private static final ImageSet TRAIN = Blobs.make(4, 15, 0.25, 1);
  private static final ImageSet TEST = Blobs.make(4, 50, 0.25, 2);

  /** A model with the config to test it at. */
  record Case(Model<Record> model, Record config) {
    @SuppressWarnings("unchecked")
    static <C extends Record> Case of(Model<C> model, C config) {
      return new Case((Model<Record>) (Model<?>) model, config);
    }

    @Override
    public String toString() {
      return model.id() + " " + config;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of(new SvmRbfModel(), new SvmRbfConfig(10, 1.0 / 784)),
        Case.of(new SvmLinearModel(), SvmLinearConfig.defaults()),
        Case.of(new KnnModel(), KnnConfig.defaults()),
        Case.of(new KnnModel(), KnnConfig.euclidean(5)),
        Case.of(new KnnModel(), new KnnConfig(3, "cosine", 1.0)),
        Case.of(new DecisionTreeModel(), DecisionTreeConfig.defaults()),
        Case.of(new RandomForestModel(), new RandomForestConfig(30, 10, 1)),
        Case.of(new RandomForestModel(), RandomForestConfig.defaults()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void beatsChanceByFar(Case c, @TempDir Path dir) throws Exception {
    try (TrainedModel m = c.model.fit(c.config, TRAIN, TEST, Blobs.context(7, dir))) {
      Predictions p = m.predict(TEST);
      assertEquals(TEST.size(), p.size());
      assertEquals(4, p.classes());
      double accuracy = p.accuracy(TEST.labels());
      assertTrue(accuracy > 0.9, c + ": accuracy " + accuracy + " (chance 0.25)");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aClassMissingFromTrainingStillGetsAColumn(Case c, @TempDir Path dir) throws Exception {
    int[] firstThree =
        java.util.stream.IntStream.range(0, TRAIN.size())
            .filter(i -> TRAIN.labels()[i] < 3)
            .toArray();
    try (TrainedModel m =
        c.model.fit(c.config, TRAIN.select(firstThree), TEST, Blobs.context(7, dir))) {
      Predictions p = m.predict(TEST);
      assertEquals(4, p.classes(), c + ": the task has 4 classes");
      assertEquals(0.75, p.accuracy(TEST.labels()), 0.1, c + ": class 3 is never predicted");
      if (!c.model.id().startsWith("svm")) {
        return;
      }
      m.save(dir.resolve("saved"));
      try (TrainedModel back = c.model.load(c.config, dir.resolve("saved"))) {
        assertEquals(4, back.predict(TEST).classes());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void probabilitiesAreDistributions(Case c, @TempDir Path dir) throws Exception {
    try (TrainedModel m = c.model.fit(c.config, TRAIN, TEST, Blobs.context(7, dir))) {
      Predictions p = m.predict(TEST);
      for (int i = 0; i < p.size(); i++) {
        float sum = 0;
        for (int k = 0; k < p.classes(); k++) {
          float v = p.probabilities()[i * p.classes() + k];
          assertTrue(v >= 0 && v <= 1, c + ": probability " + v);
          sum += v;
        }
        assertEquals(1f, sum, 1e-5f, c + ": row " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void saveAndLoadGiveIdenticalPredictions(Case c, @TempDir Path dir) throws Exception {
    Path saved = dir.resolve("model");
    float[] before;
    try (TrainedModel m = c.model.fit(c.config, TRAIN, TEST, Blobs.context(7, dir))) {
      before = m.predict(TEST).probabilities();
      m.save(saved);
      assertFalse(m.facts().isEmpty(), c + ": no facts");
    }
    try (TrainedModel loaded = c.model.load(c.config, saved)) {
      assertArrayEquals(before, loaded.predict(TEST).probabilities(), c.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sameSeedSamePredictions(Case c, @TempDir Path dir) throws Exception {
    try (TrainedModel a = c.model.fit(c.config, TRAIN, TEST, Blobs.context(3, dir));
        TrainedModel b = c.model.fit(c.config, TRAIN, TEST, Blobs.context(3, dir))) {
      assertArrayEquals(a.predict(TEST).probabilities(), b.predict(TEST).probabilities());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void inputIsLeftUntouched(Case c, @TempDir Path dir) throws Exception {
    float[] pixels = TRAIN.pixels().clone();
    float[] test = TEST.pixels().clone();
    try (TrainedModel m = c.model.fit(c.config, TRAIN, TEST, Blobs.context(7, dir))) {
      m.predict(TEST);
    }
    assertArrayEquals(pixels, TRAIN.pixels());
    assertArrayEquals(test, TEST.pixels());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rejectsImagesOfAnotherSize(Case c, @TempDir Path dir) throws Exception {
    ImageSet small =
        new ImageSet(new float[16], new int[] {0}, new ImageShape(1, 4, 4), new int[] {0});
    try (TrainedModel m = c.model.fit(c.config, TRAIN, TEST, Blobs.context(7, dir))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> m.predict(small));
      assertTrue(e.getMessage().contains("784 pixels"), e.getMessage());
    }
  }

  @org.junit.jupiter.api.Test
  void svmFactsReportTheParametersLibsvmUsed(@TempDir Path dir) throws Exception {
    var config = new SvmRbfConfig(3, 0.5);
    var facts = new SvmRbfModel().fit(config, TRAIN, TEST, Blobs.context(1, dir)).facts();
    assertEquals(0.5, facts.get("gamma"));
    assertEquals(3.0, facts.get("c"));
    assertTrue((Integer) facts.get("supportVectors") > 0, facts.toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void defaultsAreValidAndIdsAreKebabCase(Case c) {
    assertEquals(c.model.configType(), c.model.defaults().getClass());
    assertTrue(c.model.id().matches("[a-z]+(-[a-z]+)*"), c.model.id());
    assertFalse(c.model.summary().isBlank());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void loadingFromAnEmptyFolderFailsWithItsPath(Case c, @TempDir Path dir) {
    Exception e = assertThrows(java.io.IOException.class, () -> c.model.load(c.config, dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }
}
