package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * What the baselines do beyond the testkit's model contract (the *ContractTest classes), run over a
 * table of (model, config).
 */
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
}
