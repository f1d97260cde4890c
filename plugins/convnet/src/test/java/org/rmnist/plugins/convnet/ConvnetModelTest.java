package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainedModel;

/** The convnet's contract on synthetic strokes: learning, determinism, hooks, save/load. */
class ConvnetModelTest {
  static final ImageSet TRAIN = Patterns.make(10, 1);
  static final ImageSet TEST = Patterns.make(30, 2);
  final ConvnetModel model = new ConvnetModel();

  private float[] fitAndPredict(ConvnetConfig config, long seed, Path dir) throws IOException {
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(seed, dir))) {
      return m.predict(TEST).probabilities();
    }
  }

  @Test
  void learnsThePatternsFarAboveChance(@TempDir Path dir) throws Exception {
    try (TrainedModel m = model.fit(Configs.nielsen(15), TRAIN, TEST, Patterns.context(1, dir))) {
      Predictions p = m.predict(TEST);
      assertEquals(TEST.size(), p.size());
      assertEquals(10, p.classes());
      double accuracy = p.accuracy(TEST.labels());
      assertTrue(accuracy > 0.8, "accuracy " + accuracy + " (chance 0.1)");
      Map<String, Object> facts = m.facts();
      assertEquals(15, facts.get("epochs"));
      assertEquals(150L, facts.get("steps"));
      assertEquals(true, facts.get("patchInputs"));
      assertEquals(1, facts.get("threads"));
    }
  }

  static Stream<ConvnetConfig> variants() {
    ConvnetConfig adam =
        Configs.convnet(10, "adam", 0.003, 0, false, "constant", 0, false, 0, false);
    return Stream.of(
        Configs.convnet(6, "adam", 0.002, 0, false, "cosine", 0, false, 2, true),
        Configs.with(
            Configs.convnet(6, "sgd", 0.02, 0.9, true, "constant", 0, false, 0, false),
            "training.weightDecay",
            1e-4),
        Configs.with(
            adam,
            Map.of(
                "channels",
                List.of(16, 16, 32),
                "kernels",
                List.of(3),
                "padding",
                List.of(1),
                "pool",
                List.of(2, 2, 1),
                "dropout2d",
                List.of(0.1),
                "dense",
                List.of(64, 32),
                "dropout",
                0.2,
                "training.batchSize",
                16,
                "training.fixedBatches",
                false)));
  }

  @ParameterizedTest
  @MethodSource("variants")
  void variantsLearnToo(ConvnetConfig config, @TempDir Path dir) throws Exception {
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(1, dir))) {
      double accuracy = m.predict(TEST).accuracy(TEST.labels());
      assertTrue(accuracy > 0.6, config + ": accuracy " + accuracy + " (chance 0.1)");
    }
  }

  @Test
  void probabilitiesAreDistributions(@TempDir Path dir) throws Exception {
    float[] p = fitAndPredict(Configs.nielsen(2), 1, dir);
    for (int i = 0; i < TEST.size(); i++) {
      float sum = 0;
      for (int k = 0; k < 10; k++) {
        float v = p[i * 10 + k];
        assertTrue(v >= 0 && v <= 1, "probability " + v);
        sum += v;
      }
      assertEquals(1f, sum, 1e-5f, "row " + i);
    }
  }

  @Test
  void sameSeedSamePredictionsOtherSeedOthers(@TempDir Path dir) throws Exception {
    ConvnetConfig config = Configs.nielsen(3);
    float[] a = fitAndPredict(config, 7, dir);
    float[] b = fitAndPredict(config, 7, dir);
    float[] c = fitAndPredict(config, 8, dir);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c), "seeds 7 and 8 gave identical predictions");
  }

  @Test
  void reshuffledBatchesAreDeterministicToo(@TempDir Path dir) throws Exception {
    ConvnetConfig fixed = Configs.nielsen(3);
    ConvnetConfig reshuffled = Configs.with(fixed, "training.fixedBatches", false);
    float[] a = fitAndPredict(reshuffled, 7, dir);
    assertArrayEquals(a, fitAndPredict(reshuffled, 7, dir));
    assertFalse(Arrays.equals(a, fitAndPredict(fixed, 7, dir)), "reshuffling changed nothing");
  }

  @Test
  void saveAndLoadGiveIdenticalPredictions(@TempDir Path dir) throws Exception {
    for (ConvnetConfig config :
        List.of(
            Configs.nielsen(2),
            Configs.convnet(2, "adam", 0.001, 0, false, "constant", 0, false, 0, true))) {
      Path saved = dir.resolve("model-" + config.batchNorm());
      float[] before;
      try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(3, dir))) {
        before = m.predict(TEST).probabilities();
        m.save(saved);
      }
      assertTrue(Files.isRegularFile(saved.resolve(TrainedNet.TENSORS)));
      assertTrue(Files.readString(saved.resolve(TrainedNet.META)).contains("model=convnet"));
      try (TrainedModel loaded = model.load(config, saved)) {
        assertArrayEquals(
            before, loaded.predict(TEST).probabilities(), "batchNorm " + config.batchNorm());
        assertEquals(saved.toString(), loaded.facts().get("loadedFrom"));
      }
    }
  }

  @Test
  void loadingNeedsTheSameArchitecture(@TempDir Path dir) throws Exception {
    try (TrainedModel m = model.fit(Configs.nielsen(1), TRAIN, TEST, Patterns.context(3, dir))) {
      m.save(dir.resolve("m"));
    }
    ConvnetConfig wider = Configs.with(Configs.nielsen(1), "dense", List.of(64));
    IOException e = assertThrows(IOException.class, () -> model.load(wider, dir.resolve("m")));
    assertTrue(
        e.getMessage().contains("architecture is 'channels=[10, 20]")
            && e.getMessage().contains("dense=[64]"),
        e.getMessage());
  }

  @Test
  void loadingFromAnEmptyFolderFailsWithItsPath(@TempDir Path dir) {
    Exception e = assertThrows(IOException.class, () -> model.load(Configs.nielsen(1), dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void keepBestRestoresTheBestValidationEpochAndSaysSo(@TempDir Path dir) throws Exception {
    ConvnetConfig config = Configs.convnet(6, "sgd", 0.5, 0, false, "constant", 1, true, 0, false);
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(5, dir))) {
      Map<String, Object> facts = m.facts();
      assertEquals(true, facts.get("keepBest"));
      assertEquals(true, facts.get("selectedOnValidation"));
      int epoch = (Integer) facts.get("restoredEpoch");
      assertEquals(facts.get("bestValidationEpoch"), epoch);
      List<?> curve = (List<?>) facts.get("curve");
      assertEquals(6, curve.size());
      double best =
          curve.stream()
              .mapToDouble(p -> (Double) ((Map<?, ?>) p).get("validationAccuracy"))
              .max()
              .orElseThrow();
      assertEquals(best, (Double) facts.get("bestValidationAccuracy"));
      // the model in hand is the restored one: it scores exactly the recorded best accuracy
      assertEquals(best, m.predict(TEST).accuracy(TEST.labels()), 1e-12);
      List<String> csv = Files.readAllLines(dir.resolve(Curve.FILE));
      assertEquals("epoch,lr,train_loss,validation_accuracy,validation_loss", csv.get(0));
      assertEquals(7, csv.size());
      assertEquals(dir.resolve(Curve.FILE).toString(), facts.get("curveFile"));
    }
  }

  @Test
  void onTheFlyRunsOncePerEpochAndItsImagesAreTrainedOn(@TempDir Path dir) throws Exception {
    List<Integer> epochs = new ArrayList<>();
    OnTheFly recording =
        (images, epoch) -> {
          epochs.add(epoch);
          return images;
        };
    ConvnetConfig config = Configs.nielsen(4);
    float[] plain;
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(2, dir, recording))) {
      plain = m.predict(TEST).probabilities();
    }
    assertEquals(List.of(0, 1, 2, 3), epochs);
    assertArrayEquals(plain, fitAndPredict(config, 2, dir), "the identity hook changed training");
    OnTheFly flip = (images, epoch) -> flipped(images);
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(2, dir, flip))) {
      assertFalse(Arrays.equals(plain, m.predict(TEST).probabilities()));
    }
  }

  /** Every image mirrored left-right (same labels, new pixels). */
  static ImageSet flipped(ImageSet s) {
    float[] px = new float[s.pixels().length];
    for (int i = 0; i < s.size(); i++) {
      for (int r = 0; r < 28; r++) {
        for (int c = 0; c < 28; c++) {
          px[i * 784 + r * 28 + c] = s.pixels()[i * 784 + r * 28 + 27 - c];
        }
      }
    }
    return new ImageSet(px, s.labels(), s.shape(), s.sourceIndices());
  }

  @Test
  void aClassMissingFromTrainingStillGetsAColumn(@TempDir Path dir) throws Exception {
    int[] notNine = IntStream.range(0, TRAIN.size()).filter(i -> TRAIN.labels()[i] != 9).toArray();
    try (TrainedModel m =
        model.fit(Configs.nielsen(2), TRAIN.select(notNine), TEST, Patterns.context(1, dir))) {
      assertEquals(10, m.predict(TEST).classes());
    }
  }

  @Test
  void inputIsLeftUntouchedAndThreadsAreRestored(@TempDir Path dir) throws Exception {
    float[] train = TRAIN.pixels().clone();
    float[] test = TEST.pixels().clone();
    int threads = Torch.threads();
    fitAndPredict(Configs.convnet(2, "sgd", 0.05, 0, false, "constant", 1, true, 0, false), 1, dir);
    assertArrayEquals(train, TRAIN.pixels());
    assertArrayEquals(test, TEST.pixels());
    assertEquals(threads, Torch.threads());
  }

  @Test
  void rejectsImagesOfAnotherSize(@TempDir Path dir) throws Exception {
    ImageSet small =
        new ImageSet(new float[16], new int[] {0}, new ImageShape(1, 4, 4), new int[] {0});
    try (TrainedModel m = model.fit(Configs.nielsen(1), TRAIN, TEST, Patterns.context(1, dir))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> m.predict(small));
      assertEquals(
          "model was trained on images of 1x28x28 (784 pixels), got 1x4x4", e.getMessage());
    }
  }

  @Test
  void tooDeepANetworkForTheImageIsExplained(@TempDir Path dir) {
    ConvnetConfig deep =
        Configs.with(
            Configs.nielsen(1), Map.of("channels", List.of(8, 8, 8), "dropout2d", List.of(0.0)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(deep, TRAIN, TEST, Patterns.context(1, dir)));
    assertEquals(
        "channels/kernels/padding/pool: images of 1x28x28 shrink to nothing in conv "
            + "block 3 (kernel 5, padding 0, pool 2); use fewer blocks, smaller kernels, padding or "
            + "less pooling",
        e.getMessage());
  }

  @Test
  void labelsOutsideTheTaskAreRejected(@TempDir Path dir) {
    ImageSet bad = new ImageSet(TRAIN.image(0), new int[] {10}, ImageShape.MNIST, new int[] {0});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(Configs.nielsen(1), bad, TEST, Patterns.context(1, dir)));
    assertEquals("training label 10 is outside 0..9", e.getMessage());
  }
}
