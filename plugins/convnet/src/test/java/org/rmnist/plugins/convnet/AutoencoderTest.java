package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;

/** {@code convnet} with objective autoencoder / denoising / simclr: pretraining without labels. */
class AutoencoderTest {
  static final ImageSet LABELLED = Patterns.make(2, 1);
  static final ImageSet TEST = Patterns.make(20, 2);
  static final UnlabelledImages POOL = UnlabelledImages.of(Patterns.make(30, 3));
  final ConvnetModel model = new ConvnetModel();

  static ConvnetConfig config(String objective, int epochs) {
    ConvnetConfig c =
        Configs.with(
            Configs.convnet(1, "adam", 0.002, 0, false, "constant", 0, false, 0, true),
            Map.of(
                "channels", List.of(8, 16),
                "kernels", List.of(5),
                "padding", List.of(2),
                "dense", List.of(32),
                "dropout2d", List.of(0.0)));
    Pretraining p =
        new Pretraining(
            new Training(
                "adam", 0.005, 0, false, 0, 0.9, 0.999, 1e-8, "cosine", 0, epochs, 25, false, 0,
                false, 1),
            0.3,
            0.5,
            16,
            300,
            0.02,
            0.001);
    return Configs.with(Configs.with(c, "objective", objective), "pretraining", p);
  }

  static TrainContext context(long seed, Path dir, UnlabelledImages pool) {
    return context(seed, dir, pool, OnTheFly.NONE);
  }

  static TrainContext context(long seed, Path dir, UnlabelledImages pool, OnTheFly views) {
    return new TrainContext(new Seed(seed), Patterns.CLASSES, Progress.NONE, dir, 1, views, pool);
  }

  /**
   * Views for SimCLR: each image shifted by -1, 0 or +1 pixel in x and y and lit by noise, all
   * drawn from (key, image); records the keys it was called with.
   */
  static final class Shifts implements OnTheFly {
    final List<Integer> keys = new java.util.ArrayList<>();

    @Override
    public ImageSet epoch(ImageSet images, int key) {
      keys.add(key);
      int s = images.shape().size();
      float[] out = new float[images.pixels().length];
      for (int i = 0; i < images.size(); i++) {
        java.util.SplittableRandom r = new Seed(key).derive("view", i).random();
        int dx = r.nextInt(3) - 1;
        int dy = r.nextInt(3) - 1;
        for (int y = 0; y < 28; y++) {
          for (int x = 0; x < 28; x++) {
            int sy = y - dy;
            int sx = x - dx;
            float v =
                sy >= 0 && sy < 28 && sx >= 0 && sx < 28
                    ? images.pixels()[i * s + sy * 28 + sx]
                    : 0;
            out[i * s + y * 28 + x] = Math.min(1f, v + (float) (0.1 * r.nextDouble()));
          }
        }
      }
      return new ImageSet(out, images.labels(), images.shape(), images.sourceIndices());
    }
  }

  @Test
  void simclrPullsTheTwoViewsTogetherWithFreshDistortionsEveryBatch(@TempDir Path dir)
      throws Exception {
    Shifts views = new Shifts();
    try (TrainedModel m =
        model.fit(config("simclr", 4), LABELLED, TEST, context(3, dir, POOL, views))) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> curve = (List<Map<String, Object>>) m.facts().get("curve");
      double first = ((Number) curve.get(0).get("trainLoss")).doubleValue();
      double last = ((Number) curve.get(3).get("trainLoss")).doubleValue();
      assertTrue(last < 0.9 * first, "NT-Xent " + first + " -> " + last);
      assertEquals(0.5, m.facts().get("temperature"));
      assertEquals(4 * 12 * 2, views.keys.size());
      assertEquals(views.keys.size(), new java.util.HashSet<>(views.keys).size(), "keys repeat");
      double accuracy = m.predict(TEST).accuracy(TEST.labels());
      assertTrue(accuracy > 0.3, "probe accuracy " + accuracy + " (chance 0.1)");
    }
  }

  @Test
  void simclrWithoutOnTheFlyStepsSaysWhatToAdd(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(config("simclr", 1), LABELLED, TEST, context(1, dir, POOL)));
    assertTrue(e.getMessage().contains("onTheFly"), e.getMessage());
  }

  @Test
  void ntXentIsMinusTheLogSoftmaxAtTheOtherView() {
    float[] z = {1, 0, 0.6f, 0.8f, 0.9f, 0.1f, -0.5f, 0.7f};
    try (NDManager m = Torch.newManager()) {
      float loss = Pretrainer.ntXent(m.create(z, new Shape(4, 2)), 0.5f).getFloat();
      double[][] u = new double[4][2];
      for (int i = 0; i < 4; i++) {
        double norm = Math.hypot(z[2 * i], z[2 * i + 1]);
        u[i][0] = z[2 * i] / norm;
        u[i][1] = z[2 * i + 1] / norm;
      }
      double expected = 0;
      for (int i = 0; i < 4; i++) {
        double denominator = 0;
        for (int j = 0; j < 4; j++) {
          if (j != i) {
            denominator += Math.exp((u[i][0] * u[j][0] + u[i][1] * u[j][1]) / 0.5);
          }
        }
        int partner = (i + 2) % 4;
        double positive = (u[i][0] * u[partner][0] + u[i][1] * u[partner][1]) / 0.5;
        expected += -(positive - Math.log(denominator));
      }
      assertEquals(expected / 4, loss, 1e-5);
    }
  }

  @Test
  void pretrainsOnTheUnlabelledImagesThenProbesFarAboveChance(@TempDir Path dir) throws Exception {
    try (TrainedModel m =
        model.fit(config("autoencoder", 6), LABELLED, TEST, context(1, dir, POOL))) {
      Map<String, Object> facts = m.facts();
      assertEquals(300, facts.get("unlabelledImages"));
      assertEquals(6 * 12L, facts.get("pretrainSteps"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> curve = (List<Map<String, Object>>) facts.get("curve");
      double first = ((Number) curve.get(0).get("trainLoss")).doubleValue();
      double last = ((Number) curve.get(5).get("trainLoss")).doubleValue();
      assertTrue(last < 0.8 * first, "reconstruction loss " + first + " -> " + last);
      assertEquals(1.0, (Double) facts.get("probeTrainAccuracy"), 1e-9);
      double accuracy = m.predict(TEST).accuracy(TEST.labels());
      assertTrue(accuracy > 0.6, "probe accuracy " + accuracy + " (chance 0.1)");
    }
  }

  @Test
  void theEncoderDependsOnTheUnlabelledImagesOnlyNeverOnTheLabels(@TempDir Path dir)
      throws Exception {
    ImageSet relabelled =
        new ImageSet(
            LABELLED.pixels(),
            Arrays.stream(LABELLED.labels()).map(l -> (l + 3) % 10).toArray(),
            LABELLED.shape(),
            LABELLED.sourceIndices());
    float[][] encoders = new float[3][];
    float[][] outputs = new float[3][];
    ImageSet[] labelled = {LABELLED, relabelled, Patterns.make(3, 7)};
    for (int k = 0; k < 3; k++) {
      try (TrainedModel m =
          model.fit(config("denoising", 2), labelled[k], TEST, context(4, dir, POOL))) {
        encoders[k] = tensor((TrainedNet) m, "fc1.weight");
        outputs[k] = tensor((TrainedNet) m, "out.weight");
      }
    }
    assertArrayEquals(encoders[0], encoders[1]);
    assertArrayEquals(encoders[0], encoders[2]);
    assertFalse(Arrays.equals(outputs[0], outputs[1]), "the probe reads the labels");
  }

  @Test
  void denoisingCorruptsTheInputSoItLearnsOtherWeights(@TempDir Path dir) throws Exception {
    float[] plain;
    float[] denoising;
    try (TrainedModel m =
        model.fit(config("autoencoder", 1), LABELLED, TEST, context(2, dir, POOL))) {
      plain = tensor((TrainedNet) m, "conv1.weight");
    }
    try (TrainedModel m =
        model.fit(config("denoising", 1), LABELLED, TEST, context(2, dir, POOL))) {
      denoising = tensor((TrainedNet) m, "conv1.weight");
      assertEquals(0.3, m.facts().get("noise"));
    }
    assertFalse(Arrays.equals(plain, denoising));
  }

  @Test
  void denoisingDistortsTheInputByTheOnTheFlyStepsWhenTheRunHasAny(@TempDir Path dir)
      throws Exception {
    Shifts views = new Shifts();
    float[] masked;
    float[] distorted;
    try (TrainedModel m =
        model.fit(config("denoising", 2), LABELLED, TEST, context(2, dir, POOL))) {
      masked = tensor((TrainedNet) m, "conv1.weight");
    }
    try (TrainedModel m =
        model.fit(config("denoising", 2), LABELLED, TEST, context(2, dir, POOL, views))) {
      distorted = tensor((TrainedNet) m, "conv1.weight");
    }
    assertFalse(Arrays.equals(masked, distorted));
    assertEquals(
        List.of(
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23),
        views.keys);
    Shifts unused = new Shifts();
    try (TrainedModel m =
        model.fit(config("autoencoder", 1), LABELLED, TEST, context(2, dir, POOL, unused))) {
      assertEquals(List.of(), unused.keys, "a plain autoencoder ignores the onTheFly steps");
    }
  }

  @Test
  void isDeterministicInTheSeed(@TempDir Path dir) throws Exception {
    float[][] p = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (TrainedModel m =
          model.fit(config("autoencoder", 1), LABELLED, TEST, context(5, dir, POOL))) {
        p[k] = m.predict(TEST).probabilities();
      }
    }
    assertArrayEquals(p[0], p[1]);
  }

  @Test
  void withoutUnlabelledImagesItSaysWhatToAdd(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(config("autoencoder", 1), LABELLED, TEST, Patterns.context(1, dir)));
    assertTrue(e.getMessage().contains("unlabelled: pool"), e.getMessage());
  }

  @Test
  void aDecoderNeedsSizeKeepingConvolutions(@TempDir Path dir) {
    ConvnetConfig shrinking = Configs.with(config("autoencoder", 1), "padding", List.of(0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(shrinking, LABELLED, TEST, context(1, dir, POOL)));
    assertTrue(e.getMessage().contains("padding = kernel / 2"), e.getMessage());
  }

  @Test
  void anUnknownObjectiveNamesTheAllowedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config("simclr-x", 1));
    assertTrue(
        e.getMessage()
            .contains(
                "objective: must be one of supervised, autoencoder, denoising, simclr, fixmatch"),
        e.getMessage());
    assertEquals(
        List.of("supervised", "autoencoder", "denoising", "simclr", "fixmatch"),
        model.objectives());
  }

  @Test
  void reconstructionLossIsBinaryCrossEntropyWithLogits() {
    try (NDManager m = Torch.newManager()) {
      float[] z = {-3f, -0.5f, 0f, 2f, 40f, -40f};
      float[] y = {0f, 0.25f, 1f, 1f, 0f, 0f};
      NDArray loss =
          Pretrainer.reconstructionLoss(
              m.create(z, new Shape(1, 1, 2, 3)), m.create(y, new Shape(1, 1, 2, 3)));
      double expected = 0;
      for (int i = 0; i < z.length; i++) {
        double p = 1 / (1 + Math.exp(-z[i]));
        double term =
            z[i] > 20 ? z[i] * (1 - y[i]) : -(y[i] * Math.log(p) + (1 - y[i]) * Math.log1p(-p));
        expected += term;
      }
      assertEquals(expected / z.length, loss.getFloat(), 1e-5);
    }
  }

  @Test
  void theDecoderGivesOneLogitPerPixelOfTheImage() {
    ConvnetConfig c = config("autoencoder", 1);
    ConvNet net = new ConvNet(c, POOL.shape(), 10);
    try (NDManager m = Torch.newManager()) {
      net.initialise(m, new Seed(1));
      Decoder d = new Decoder(c, POOL.shape(), net, m, new Seed(2));
      NDArray x = m.create(POOL.select(new int[] {0, 1, 2}).pixels(), new Shape(3, 1, 28, 28));
      assertEquals(new Shape(3, 32), net.encode(x, false).getShape());
      assertEquals(new Shape(3, 1, 28, 28), d.forward(net.encode(x, false)).getShape());
      NDArray up = m.arange(4f).reshape(1, 1, 2, 2).repeat(2, 2).repeat(3, 2);
      assertArrayEquals(
          new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3}, up.toFloatArray());
    }
  }

  private static float[] tensor(TrainedNet m, String name) {
    for (NDArray a : m.net().tensors()) {
      if (a.getName().equals(name)) {
        return a.toFloatArray();
      }
    }
    throw new AssertionError("no tensor " + name);
  }
}
