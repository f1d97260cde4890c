package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;

/** {@code ladder}: labels plus the denoising of every layer of unlabelled images. */
class LadderTest {
  static final ImageSet LABELLED = Patterns.make(1, 1);
  static final ImageSet TEST = Patterns.make(20, 2);
  static final UnlabelledImages POOL = UnlabelledImages.of(Patterns.make(30, 3));
  final LadderModel model = new LadderModel();

  /** A small ladder: Adam at 0.002, 10 labelled and 30 unlabelled images a step. */
  static LadderConfig config(List<Integer> hidden, List<Double> denoising, int epochs) {
    return new LadderConfig(
        hidden,
        denoising,
        0.3,
        30,
        0,
        new Training(
            "adam",
            0.002,
            0,
            false,
            0,
            0.9,
            0.999,
            1e-8,
            "constant",
            0,
            epochs,
            10,
            false,
            0,
            false,
            1));
  }

  @Test
  void theUnlabelledImagesTeachWhatOneLabelledImagePerClassCannot(@TempDir Path dir)
      throws Exception {
    List<Integer> hidden = List.of(100, 50);
    double[] accuracy = new double[2];
    List<List<Double>> costs =
        List.of(List.of(0.0, 0.0, 0.0, 0.0), List.of(1000.0, 10.0, 0.1, 0.1));
    for (int k = 0; k < 2; k++) {
      try (TrainedModel m =
          model.fit(
              config(hidden, costs.get(k), 60),
              LABELLED,
              TEST,
              AutoencoderTest.context(1, dir, POOL))) {
        accuracy[k] = m.predict(TEST).accuracy(TEST.labels());
        Map<String, Object> facts = m.facts();
        assertEquals(60 * 10L, facts.get("steps"), "10 steps of 30 of the 300 unlabelled images");
        if (k == 1) {
          double first = (Double) facts.get("denoisingCostFirst");
          double last = (Double) facts.get("denoisingCostLast");
          assertTrue(last < 0.5 * first, "denoising cost " + first + " -> " + last);
        } else {
          assertEquals(0.0, (Double) facts.get("denoisingCostLast"));
        }
      }
    }
    assertTrue(
        accuracy[1] > accuracy[0] + 0.05,
        "with denoising " + accuracy[1] + ", noise and labels alone " + accuracy[0]);
  }

  @Test
  void isDeterministicInTheSeed(@TempDir Path dir) throws Exception {
    float[][] p = new float[3][];
    long[] seeds = {7, 7, 8};
    for (int k = 0; k < 3; k++) {
      try (TrainedModel m =
          model.fit(
              config(List.of(16), List.of(1.0, 1.0, 1.0), 2),
              LABELLED,
              TEST,
              AutoencoderTest.context(seeds[k], dir, POOL))) {
        p[k] = m.predict(TEST).probabilities();
      }
    }
    assertArrayEquals(p[0], p[1]);
    assertTrue(!java.util.Arrays.equals(p[0], p[2]), "another seed, another network");
  }

  /** Without a cost below the top (the paper's Gamma model) the lower decoder is left out. */
  @Test
  void layersWithoutADenoisingCostNeedNoDecoder(@TempDir Path dir) throws Exception {
    for (List<Double> costs :
        List.of(List.of(0.0, 0.0, 1.0), List.of(0.0, 0.0, 0.0), List.of(0.0, 1.0, 0.0))) {
      try (TrainedModel m =
          model.fit(
              config(List.of(16), costs, 1),
              LABELLED,
              TEST,
              AutoencoderTest.context(2, dir, POOL))) {
        assertEquals(10L, m.facts().get("steps"), costs.toString());
      }
    }
    assertEquals(2, Ladder.lowestDenoised(List.of(0.0, 0.0, 1.0)));
    assertEquals(3, Ladder.lowestDenoised(List.of(0.0, 0.0, 0.0)));
  }

  @Test
  void theCombinatorFollowsThePaperAndFirstEstimatesZero() {
    try (NDManager m = Torch.newManager()) {
      NDArray z = m.create(new float[] {0.5f, -2f}, new Shape(1, 2));
      NDArray u = m.create(new float[] {1.5f, 0.25f}, new Shape(1, 2));
      float[] init =
          Net.values(
              new Net.TensorSpec("c", new Shape(10, 2), Net.Init.LADDER_COMBINATOR, 2, 2, true),
              new java.util.SplittableRandom(1));
      assertArrayEquals(
          new float[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0}, init);
      assertArrayEquals(
          new float[] {0, 0},
          Ladder.combine(z, u, m.create(init, new Shape(10, 2))).toFloatArray());
      float[] a = new float[20];
      for (int r = 0; r < 10; r++) {
        a[2 * r] = 0.1f * (r + 1);
        a[2 * r + 1] = -0.2f * (r + 1);
      }
      float[] got = Ladder.combine(z, u, m.create(a, new Shape(10, 2))).toFloatArray();
      float[] zs = {0.5f, -2f};
      float[] us = {1.5f, 0.25f};
      for (int j = 0; j < 2; j++) {
        double[] c = new double[10];
        for (int r = 0; r < 10; r++) {
          c[r] = a[2 * r + j];
        }
        double mu = c[0] * sigmoid(c[1] * us[j] + c[2]) + c[3] * us[j] + c[4];
        double v = c[5] * sigmoid(c[6] * us[j] + c[7]) + c[8] * us[j] + c[9];
        assertEquals((zs[j] - mu) * v + mu, got[j], 1e-5, "unit " + j);
      }
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void needsUnlabelledImagesAndRefusesOnTheFlySteps(@TempDir Path dir) {
    LadderConfig c = config(List.of(16), List.of(1.0, 1.0, 1.0), 1);
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.fit(c, LABELLED, TEST, Patterns.context(1, dir)));
    assertTrue(none.getMessage().contains("unlabelled: pool"), none.getMessage());
    IllegalArgumentException views =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                model.fit(
                    c,
                    LABELLED,
                    TEST,
                    AutoencoderTest.context(1, dir, POOL, new AutoencoderTest.Shifts())));
    assertTrue(views.getMessage().contains("augment"), views.getMessage());
  }

  /**
   * A step whose loss or gradient overflows changes nothing and is counted; when more than a tenth
   * of the steps (and more than 10) do, the run stops with advice instead of training on NaN.
   */
  @Test
  void stepsThatOverflowAreSkippedAndTooManyStopTheRun(@TempDir Path dir) throws Exception {
    float[] one = POOL.pixels().clone();
    java.util.Arrays.fill(one, 0, 784, 3e38f); // one image that overflows the first layer
    LadderConfig c = config(List.of(16), List.of(1.0, 1.0, 1.0), 3);
    try (TrainedModel m =
        model.fit(
            c,
            LABELLED,
            TEST,
            AutoencoderTest.context(
                1, dir, new UnlabelledImages(one, POOL.shape(), POOL.sourceIndices())))) {
      assertEquals(3L, m.facts().get("skippedSteps"), "the step holding it, once per epoch");
      assertEquals(0L, m.facts().get("recomputedSteps"), "an overflow comes back when replayed");
      assertEquals(30L, m.facts().get("steps"));
      for (float p : m.predict(TEST).probabilities()) {
        assertTrue(Float.isFinite(p), "finite predictions");
      }
    }
    float[] all = POOL.pixels().clone();
    java.util.Arrays.fill(all, 3e38f);
    UnlabelledImages overflowing = new UnlabelledImages(all, POOL.shape(), POOL.sourceIndices());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> model.fit(c, LABELLED, TEST, AutoencoderTest.context(1, dir, overflowing)));
    assertTrue(e.getMessage().contains("in 11 of 11 steps"), e.getMessage());
    assertTrue(e.getMessage().contains("training.lr"), e.getMessage());
  }

  /**
   * A step whose first computation goes wrong, as transient faults of a virtualised machine make
   * them, is computed again and trains on: counted as recomputed, not skipped. Every step going
   * wrong once still trains the network.
   */
  @Test
  void aStepThatGoesWrongOnceIsComputedAgain(@TempDir Path dir) throws Exception {
    LadderConfig c = config(List.of(16), List.of(1.0, 1.0, 1.0), 2);
    Map<String, LongToDoubleFunction> cases =
        Map.of("step 4", step -> step == 4 ? 1e30 : 1, "every step", s -> 1e30);
    for (Map.Entry<String, LongToDoubleFunction> fault : cases.entrySet()) {
      try (TrainedModel m = fit(c, AutoencoderTest.context(1, dir, POOL), fault.getValue())) {
        Map<String, Object> facts = m.facts();
        boolean every = fault.getKey().equals("every step");
        assertEquals(0L, facts.get("skippedSteps"), fault.getKey());
        assertEquals(every ? 20L : 1L, facts.get("recomputedSteps"), fault.getKey());
        assertEquals(every ? 1L : 4L, facts.get("firstRecomputedStep"), fault.getKey());
        double first = (Double) facts.get("denoisingCostFirst");
        double last = (Double) facts.get("denoisingCostLast");
        assertTrue(last < first, fault.getKey() + ": denoising cost " + first + " -> " + last);
      }
    }
  }

  /** A step computed again sees the noise of its first computation, in the same order. */
  @Test
  void replayedNoiseIsTheNoiseFirstDrawn() {
    try (NDManager m = Torch.newManager()) {
      NDArray zeros = m.zeros(new Shape(4, 3));
      Ladder.Noise noise = new Ladder.Noise(0.3f);
      float[] first = noise.add(zeros).toFloatArray();
      float[] second = noise.add(zeros).toFloatArray();
      assertTrue(!java.util.Arrays.equals(first, second), "two draws differ");
      noise.replay();
      assertArrayEquals(first, noise.add(zeros).toFloatArray());
      assertArrayEquals(second, noise.add(zeros).toFloatArray());
      noise.replay();
      assertArrayEquals(first, noise.add(zeros.add(0f)).toFloatArray(), "replayed again");
    }
  }

  /** A finite gradient too large for Adam (its square overflows a float) counts as bad too. */
  @Test
  void gradientsAboveTheBoundAreNotSteppedOn() {
    try (NDManager m = Torch.newManager()) {
      NDArray fine = m.create(new float[] {0.5f, -3f});
      assertEquals(3f, Ladder.largest(new NDArray[] {fine}));
      NDArray huge = m.create(new float[] {0.5f, -4.5e33f});
      assertTrue(
          !(Ladder.largest(new NDArray[] {fine, huge}) <= Ladder.GRADIENT_BOUND),
          "a gradient of 4.5e33");
      NDArray nan = m.create(new float[] {Float.NaN, 0f});
      assertTrue(Float.isNaN(Ladder.largest(new NDArray[] {fine, nan})), "NaN");
      NDArray inf = m.create(new float[] {Float.NEGATIVE_INFINITY, 0f});
      assertEquals(Float.POSITIVE_INFINITY, Ladder.largest(new NDArray[] {inf, fine}));
      NDArray edge = m.create(new float[] {Ladder.GRADIENT_BOUND});
      assertEquals(Ladder.GRADIENT_BOUND, Ladder.largest(new NDArray[] {edge}), "allowed");
    }
  }

  /** The median of the last steps' largest gradients decides what counts as far above them. */
  @Test
  void aGradientIsAnOutlierFarAboveTheRecentMedianOnly() {
    Ladder.Recent recent = new Ladder.Recent();
    for (int k = 0; k < Ladder.RECENT - 1; k++) {
      recent.add(k % 2 == 0 ? 0.5f : 1.5f);
      assertTrue(!recent.isOutlier(1e5f), "not before " + Ladder.RECENT + " steps");
    }
    recent.add(1.5f); // median (0.5 + 1.5) / 2 = 1
    assertTrue(!recent.isOutlier(Ladder.OUTLIER), "at the limit");
    assertTrue(recent.isOutlier(Ladder.OUTLIER * 1.01f));
    Ladder.Recent restored = new Ladder.Recent();
    restored.restore(recent.values());
    assertTrue(restored.isOutlier(Ladder.OUTLIER * 1.01f), "a checkpoint keeps the window");
    for (int k = 0; k < Ladder.RECENT; k++) {
      recent.add(100f);
    }
    assertTrue(!recent.isOutlier(Ladder.OUTLIER * 1.01f), "the window moves");
  }

  /**
   * A first computation whose gradients are a thousand times the usual, well below the absolute
   * bound, is computed again; the second computation is the step the fault-free fit takes, so both
   * fits end with the same network.
   */
  @Test
  void aStepFarAboveTheRecentOnesIsComputedAgain(@TempDir Path dir) throws Exception {
    LadderConfig c = config(List.of(16), List.of(1.0, 1.0, 1.0), 16);
    float[][] p = new float[2][];
    long[] faulty = new long[2];
    for (int k = 0; k < 2; k++) {
      long faultAt = k == 0 ? -1 : 150;
      try (TrainedModel m =
          fit(c, AutoencoderTest.context(1, dir, POOL), step -> step == faultAt ? 1e3 : 1)) {
        Map<String, Object> facts = m.facts();
        assertEquals(160L, facts.get("steps"));
        assertEquals(0L, facts.get("skippedSteps"));
        faulty[k] = (Long) facts.get("recomputedSteps") - (Long) facts.get("recomputedAlike");
        p[k] = m.predict(TEST).probabilities();
      }
    }
    assertEquals(0L, faulty[0], "without a fault every recomputed step came out the same twice");
    assertEquals(1L, faulty[1], "the step with the fault, computed again");
    assertArrayEquals(p[0], p[1]);
  }

  /**
   * A fit stopped after its second epoch (here by its progress listener throwing) leaves a
   * checkpoint; the next fit of the same run goes on from it and ends with the network an
   * uninterrupted fit makes. A checkpoint of another configuration is not used.
   */
  @Test
  void anInterruptedFitGoesOnFromItsLastEpoch(@TempDir Path dir) throws Exception {
    LadderConfig c = config(List.of(16), List.of(1.0, 1.0, 1.0), 4);
    float[] whole;
    try (TrainedModel m =
        model.fit(c, LABELLED, TEST, AutoencoderTest.context(5, dir.resolve("whole"), POOL))) {
      whole = m.predict(TEST).probabilities();
      assertEquals(null, m.facts().get("resumedAfterEpoch"));
    }
    assertTrue(!Files.exists(dir.resolve("whole").resolve(LadderCheckpoint.FILE)), "deleted");
    Path work = dir.resolve("resumed");
    TrainContext interrupted =
        new TrainContext(new Seed(5), Patterns.CLASSES, stopAfter(2), work, 1, OnTheFly.NONE, POOL);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> model.fit(c, LABELLED, TEST, interrupted));
    assertEquals("interrupted", e.getMessage());
    assertTrue(Files.exists(work.resolve(LadderCheckpoint.FILE)));
    try (TrainedModel m = model.fit(c, LABELLED, TEST, AutoencoderTest.context(5, work, POOL))) {
      Map<String, Object> facts = m.facts();
      assertEquals(2, facts.get("resumedAfterEpoch"));
      assertEquals(40L, facts.get("steps"), "steps of all four epochs counted");
      assertEquals(4, ((List<?>) facts.get("curve")).size(), "the curve of all four epochs");
      assertArrayEquals(whole, m.predict(TEST).probabilities());
    }
    assertTrue(!Files.exists(work.resolve(LadderCheckpoint.FILE)), "deleted at the end");

    TrainContext again =
        new TrainContext(new Seed(5), Patterns.CLASSES, stopAfter(2), work, 1, OnTheFly.NONE, POOL);
    assertThrows(IllegalStateException.class, () -> model.fit(c, LABELLED, TEST, again));
    assertTrue(Files.exists(work.resolve(LadderCheckpoint.FILE)));
    LadderConfig other = config(List.of(24), List.of(1.0, 1.0, 1.0), 4);
    try (TrainedModel m =
        model.fit(other, LABELLED, TEST, AutoencoderTest.context(5, work, POOL))) {
      assertEquals(null, m.facts().get("resumedAfterEpoch"));
      assertTrue(
          String.valueOf(m.facts().get("checkpointNotUsed")).contains("another configuration"),
          String.valueOf(m.facts().get("checkpointNotUsed")));
    }
  }

  /** A fit on LABELLED whose steps' first computations are disturbed by {@code faults}. */
  static TrainedModel fit(LadderConfig c, TrainContext ctx, LongToDoubleFunction faults)
      throws java.io.IOException {
    LadderNet net = new LadderNet(c, LABELLED.shape(), ctx.classes());
    return TrainedNet.fit(
        LadderModel.ID,
        net,
        LadderModel.architecture(c),
        c,
        1,
        LABELLED.shape(),
        ctx,
        manager -> new Ladder(net, c, manager, ctx, faults).run(LABELLED, TEST));
  }

  /** A progress listener that throws when the fit has done {@code epochs} epochs. */
  static Progress stopAfter(int epochs) {
    return new Progress() {
      long done;

      @Override
      public void start(String task, long total) {}

      @Override
      public void advance(long steps) {
        done += steps;
        if (done == epochs) {
          throw new IllegalStateException("interrupted");
        }
      }

      @Override
      public void done() {}
    };
  }

  @Test
  void badConfigsNameTheirKey() {
    LadderConfig d = LadderConfig.defaults();
    Training keepBest =
        new Training(
            "adam", 0.002, 0, false, 0, 0.9, 0.999, 1e-8, "constant", 0, 10, 10, false, 1, true, 1);
    Map<String, Runnable> bad =
        Map.of(
            "denoising:",
            () -> new LadderConfig(List.of(8), List.of(1.0, 1.0), 0.3, 10, 0, d.training()),
            "noise:",
            () -> new LadderConfig(List.of(8), List.of(1.0, 1.0, 1.0), 0, 10, 0, d.training()),
            "decayEpochs:",
            () -> new LadderConfig(List.of(8), List.of(1.0, 1.0, 1.0), 0.3, 10, 151, d.training()),
            "training.keepBest:",
            () -> new LadderConfig(List.of(8), List.of(1.0, 1.0, 1.0), 0.3, 10, 0, keepBest));
    bad.forEach(
        (key, make) -> {
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
          assertTrue(e.getMessage().startsWith(key), key + " -> " + e.getMessage());
        });
  }

  @Test
  void theLearningRateFallsLinearlyOverTheLastEpochs() {
    LadderConfig d = LadderConfig.defaults();
    assertEquals(0.002, d.lrAt(0));
    assertEquals(0.002, d.lrAt(100));
    assertEquals(0.002 * 49 / 50, d.lrAt(101), 1e-12);
    assertEquals(0.002 / 50, d.lrAt(149), 1e-12);
  }
}
