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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.TrainedModel;

/** {@code resnet18} at toy scale (width 4, 16 x 16, one block per stage) on synthetic strokes. */
class ResnetModelTest {
  static final ImageSet TRAIN = Patterns.make(10, 1);
  static final ImageSet TEST = Patterns.make(30, 2);
  final ResnetModel model = new ResnetModel();

  private float[] fitAndPredict(ResnetConfig config, long seed, Path dir) throws IOException {
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(seed, dir))) {
      return m.predict(TEST).probabilities();
    }
  }

  @Test
  void learnsThePatternsFarAboveChanceAndSavesAndLoads(@TempDir Path dir) throws Exception {
    ResnetConfig config = Configs.resnet(25);
    float[] before;
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(1, dir))) {
      before = m.predict(TEST).probabilities();
      double accuracy = m.predict(TEST).accuracy(TEST.labels());
      assertTrue(accuracy > 0.6, "accuracy " + accuracy + " (chance 0.1)");
      assertEquals(125L, m.facts().get("steps"));
      assertEquals(false, m.facts().get("patchInputs"));
      m.save(dir.resolve("resnet"));
    }
    assertTrue(
        Files.readString(dir.resolve("resnet").resolve(TrainedNet.META))
            .contains("model=resnet18"));
    try (TrainedModel loaded = model.load(config, dir.resolve("resnet"))) {
      assertArrayEquals(before, loaded.predict(TEST).probabilities());
    }
  }

  @Test
  void sameSeedSamePredictionsOtherSeedOthers(@TempDir Path dir) throws Exception {
    ResnetConfig config = Configs.resnet(2);
    float[] a = fitAndPredict(config, 7, dir);
    assertArrayEquals(a, fitAndPredict(config, 7, dir));
    assertFalse(Arrays.equals(a, fitAndPredict(config, 8, dir)), "seeds 7 and 8 agree");
  }

  @Test
  void onTheFlyRunsOncePerEpochAndItsImagesAreTrainedOn(@TempDir Path dir) throws Exception {
    List<Integer> epochs = new ArrayList<>();
    OnTheFly recording =
        (images, epoch) -> {
          epochs.add(epoch);
          return images;
        };
    ResnetConfig config = Configs.resnet(3);
    float[] plain;
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(2, dir, recording))) {
      plain = m.predict(TEST).probabilities();
    }
    assertEquals(List.of(0, 1, 2), epochs);
    OnTheFly flip = (images, epoch) -> ConvnetModelTest.flipped(images);
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(2, dir, flip))) {
      assertFalse(Arrays.equals(plain, m.predict(TEST).probabilities()));
    }
  }

  @Test
  void loadingNeedsTheSameArchitecture(@TempDir Path dir) throws Exception {
    try (TrainedModel m = model.fit(Configs.resnet(1), TRAIN, TEST, Patterns.context(3, dir))) {
      m.save(dir.resolve("m"));
    }
    ResnetConfig wider = Configs.with(Configs.resnet(1), "width", 8);
    IOException e = assertThrows(IOException.class, () -> model.load(wider, dir.resolve("m")));
    assertTrue(
        e.getMessage().contains("architecture is 'size=16 resize=bilinear")
            && e.getMessage().contains("width=8"),
        e.getMessage());
  }

  @Test
  void imagesMustBeGreyAndFitWhenPadded(@TempDir Path dir) {
    ImageSet rgb =
        new ImageSet(new float[3 * 784], new int[] {0}, new ImageShape(3, 28, 28), new int[] {0});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(Configs.resnet(1), rgb, rgb, Patterns.context(1, dir)));
    assertEquals("resnet18 takes grey images (1 channel), got 3x28x28", e.getMessage());
    ResnetConfig pad = Configs.with(Configs.resnet(1), "preprocess.resize", "pad");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(pad, TRAIN, TEST, Patterns.context(1, dir)));
    assertEquals(
        "size: resize pad needs size >= the images' side, got 16 for images of 1x28x28",
        e.getMessage());
  }

  @Test
  void paddedAndNearestInputsTrainToo(@TempDir Path dir) throws Exception {
    for (Map<String, Object> change :
        List.<Map<String, Object>>of(
            Map.of("preprocess.resize", "pad", "preprocess.size", 32),
            Map.of(
                "preprocess.resize",
                "nearest",
                "preprocess.mean",
                List.of(0.5),
                "preprocess.std",
                List.of(0.5)))) {
      ResnetConfig config = Configs.with(Configs.resnet(1), change);
      try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(1, dir))) {
        assertEquals(TEST.size(), m.predict(TEST).size());
      }
    }
  }
}
