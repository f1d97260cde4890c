package org.rmnist.plugins.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.testkit.RecordingProgress;
import org.rmnist.testkit.TestImages;

/** The objectives compute what they say, and optimising them lowers them. */
class SynthesisTest {
  @TempDir Path work;

  private BuiltSet build(org.rmnist.api.TrainingSetBuilder<SynthesisConfig> b, SynthesisConfig c)
      throws IOException {
    return b.build(
        c,
        new BuildRequest(TestImages.blobs(3, 20, 4), Optional.empty(), 1, 3, new Seed(1)),
        new BuildContext(Progress.NONE, work, 1));
  }

  @Test
  void distributionMatchingLowersItsLossFromNoise() throws IOException {
    SynthesisConfig c =
        new SynthesisConfig(
            60, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    BuiltSet built = build(new DmBuilder(), c);
    double first = ((Number) built.facts().get("loss_first")).doubleValue();
    double last = ((Number) built.facts().get("loss_last")).doubleValue();
    assertTrue(last < 0.7 * first, "loss went from " + first + " to " + last);
    assertEquals(false, built.facts().get("loss_rose"));
    assertTrue(Files.readString(work.resolve("dm-curve.csv")).startsWith("iteration,loss"));
  }

  @Test
  void aBuildWhoseLossEndsAboveWhereItBeganSaysSoAndTheLossIsReportedAsItGoes() throws IOException {
    SynthesisConfig c =
        new SynthesisConfig(
            120, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    RecordingProgress progress = new RecordingProgress();
    int[] step = {0};
    // DM's loss times a factor that grows with the step: it falls at first, then rises for good
    Synthesizer.Objective rising =
        (real, syn, labels, classes, batch, n) ->
            DmBuilder.loss(real, syn, classes, batch, n).mul((float) Math.exp(++step[0] / 10.0));
    BuiltSet built =
        Synthesizer.run(
            "dm",
            c,
            new BuildRequest(TestImages.blobs(3, 20, 4), Optional.empty(), 1, 3, new Seed(1)),
            new BuildContext(progress, work, 1),
            rising);
    assertEquals(true, built.facts().get("loss_rose"));
    List<Double> reported = progress.losses();
    assertEquals(4, reported.size(), "at steps 1, 51, 101 and the last: " + reported);
    assertTrue(reported.get(3) > reported.get(0), reported.toString());
  }

  /** DM's loss, made NaN (and so its gradient) at the steps {@code bad} says. */
  private static Synthesizer.Objective dmPoisonedAt(java.util.function.IntPredicate bad) {
    int[] step = {0};
    return (real, syn, labels, classes, batch, n) -> {
      NDArray loss = DmBuilder.loss(real, syn, classes, batch, n);
      return bad.test(++step[0]) ? loss.mul(Float.NaN) : loss;
    };
  }

  @Test
  void aStepWhoseGradientIsNotFiniteIsSkippedNotAppliedToThePixels() throws IOException {
    SynthesisConfig c =
        new SynthesisConfig(
            40, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    BuiltSet built =
        Synthesizer.run(
            "dm",
            c,
            new BuildRequest(TestImages.blobs(3, 20, 4), Optional.empty(), 1, 3, new Seed(1)),
            new BuildContext(Progress.NONE, work, 1),
            dmPoisonedAt(step -> step == 3 || step == 7));
    for (float v : built.images().pixels()) {
      assertTrue(Float.isFinite(v), "pixel " + v);
    }
    assertEquals(2, built.facts().get("skipped_steps"));
    assertEquals(3, built.facts().get("first_skipped_step"));
    assertTrue(Double.isFinite(((Number) built.facts().get("loss_first")).doubleValue()));
  }

  @Test
  void aBuildWhoseStepsKeepFailingStopsAndSaysWhatToLower() {
    SynthesisConfig c =
        new SynthesisConfig(
            40, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Synthesizer.run(
                    "dm",
                    c,
                    new BuildRequest(
                        TestImages.blobs(3, 20, 4), Optional.empty(), 1, 3, new Seed(1)),
                    new BuildContext(Progress.NONE, work, 1),
                    dmPoisonedAt(step -> step > 5)));
    assertEquals(
        "dm: the loss or its gradient was not finite in 11 of the first 16 steps (first at step "
            + "6); lower lr (now 0.05) or realBatch (now 8)",
        e.getMessage());
  }

  @Test
  void initStartBeginsFromTheGivenSetClassByClassAndRefinesIt() throws IOException {
    ImageSet pool = TestImages.blobs(3, 20, 4);
    // the start set: pool rows 5 and 7 of each class, given with the classes out of order
    int[][] byClass = new BuildRequest(pool, Optional.empty(), 2, 3, new Seed(1)).byClass();
    int[] rows = {
      byClass[2][5], byClass[0][5], byClass[1][7], byClass[0][7], byClass[2][7], byClass[1][5]
    };
    ImageSet start = pool.select(rows);
    BuildRequest r =
        new BuildRequest(pool, Optional.empty(), 2, 3, new Seed(1), Optional.of(start));
    DmBuilder dm = new DmBuilder();
    SynthesisConfig still =
        new SynthesisConfig(
            0, 8, 8, 2, 0.05, "start", false, 0.01, 1, "hard", 0.01, "none", "mean");
    assertTrue(dm.startsFrom(still));
    assertFalse(dm.startsFrom(SynthesisConfig.defaults()));
    BuiltSet none = dm.build(still, r, new BuildContext(Progress.NONE, work, 1));
    // no steps: the start set itself, class-major, each class's images in the order given
    int[] expected = {
      byClass[0][5], byClass[0][7], byClass[1][7], byClass[1][5], byClass[2][5], byClass[2][7]
    };
    int size = pool.shape().size();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(i / 2, none.images().labels()[i]);
      assertArrayEquals(
          Arrays.copyOfRange(
              pool.pixels(), pool.offset(expected[i]), pool.offset(expected[i]) + size),
          Arrays.copyOfRange(none.images().pixels(), i * size, (i + 1) * size),
          "image " + i);
    }
    // with steps, the pixels move away from the start
    SynthesisConfig moving =
        new SynthesisConfig(
            20, 8, 8, 2, 0.05, "start", false, 0.01, 1, "hard", 0.01, "none", "mean");
    BuiltSet moved = dm.build(moving, r, new BuildContext(Progress.NONE, work, 1));
    assertFalse(Arrays.equals(none.images().pixels(), moved.images().pixels()));
    assertEquals("start", moved.facts().get("init"));
    // without a start set the builder says what is missing
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                dm.build(
                    still,
                    new BuildRequest(pool, Optional.empty(), 2, 3, new Seed(1)),
                    new BuildContext(Progress.NONE, work, 1)));
    assertTrue(e.getMessage().startsWith("init: start, but no start set"), e.getMessage());
  }

  @Test
  void aStartSetWithTheWrongCountPerClassIsRefused() {
    ImageSet pool = TestImages.blobs(3, 20, 4);
    ImageSet three = pool.select(new int[] {0, 1, 2});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BuildRequest(pool, Optional.empty(), 2, 3, new Seed(1), Optional.of(three)));
    assertTrue(e.getMessage().startsWith("start: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("expected n = 2"), e.getMessage());
  }

  @Test
  void kernelRidgeRegressionLowersItsLoss() throws IOException {
    SynthesisConfig c =
        new SynthesisConfig(
            60, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    BuiltSet built = build(new KrrBuilder(), c);
    double first = ((Number) built.facts().get("loss_first")).doubleValue();
    double last = ((Number) built.facts().get("loss_last")).doubleValue();
    assertTrue(last < 0.9 * first, "loss went from " + first + " to " + last);
  }

  @Test
  void kernelRidgeRegressionLearnsSoftLabelsBesideThePixels() throws IOException {
    SynthesisConfig hard =
        new SynthesisConfig(
            60, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    SynthesisConfig learned =
        new SynthesisConfig(
            60, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "learned", 0.1, "none", "mean");
    KrrBuilder krr = new KrrBuilder();
    assertTrue(krr.softLabels(learned));
    assertFalse(krr.softLabels(hard));
    assertNull(build(krr, hard).softLabels());
    BuiltSet built = build(krr, learned);
    float[] soft = built.softLabels();
    assertEquals(3 * 3, soft.length, "one row of 3 classes for each of the 3 images");
    double start = Math.exp(LearnedLabels.LOGIT) / (Math.exp(LearnedLabels.LOGIT) + 2);
    double moved = 0;
    for (int i = 0; i < 3; i++) {
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        assertTrue(soft[i * 3 + k] >= 0);
        sum += soft[i * 3 + k];
      }
      assertEquals(1, sum, 1e-5);
      moved += Math.abs(soft[i * 3 + built.images().labels()[i]] - start);
    }
    // the labels moved from where they started, and the loss still fell
    assertTrue(moved > 1e-3, "labels moved by " + moved);
    assertEquals("learned", built.facts().get("labels"));
    // the targets' scale is learned too (it starts at 1)
    double scale = ((Number) built.facts().get("label_scale")).doubleValue();
    assertTrue(scale > 0 && Math.abs(scale - 1) > 1e-4, "label scale " + scale);
    double first = ((Number) built.facts().get("loss_first")).doubleValue();
    double last = ((Number) built.facts().get("loss_last")).doubleValue();
    assertTrue(last < 0.9 * first, "loss went from " + first + " to " + last);
  }

  @Test
  void distributionMatchingHasNoLabelsToLearn() {
    SynthesisConfig learned =
        new SynthesisConfig(
            5, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "learned", 0.1, "none", "mean");
    assertFalse(new DmBuilder().softLabels(learned));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> build(new DmBuilder(), learned));
    assertTrue(e.getMessage().startsWith("labels: 'learned' is for krr"), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SynthesisConfig(
                    5, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "soft", 0.1, "none", "mean"));
    assertTrue(bad.getMessage().contains("labels"), bad.getMessage());
  }

  @Test
  void instanceNormNormalisesEveryImageAndChannelOnItsOwn() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      float[] x = new float[2 * 3 * 4 * 4];
      java.util.SplittableRandom r = new java.util.SplittableRandom(5);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (3 * r.nextDouble() + (i / 16));
      }
      float[] got = RandomConvNet.instanceNorm(m.create(x, new Shape(2, 3, 4, 4))).toFloatArray();
      for (int plane = 0; plane < 6; plane++) {
        double mean = 0;
        double var = 0;
        for (int k = 0; k < 16; k++) {
          mean += x[plane * 16 + k] / 16.0;
        }
        for (int k = 0; k < 16; k++) {
          var += Math.pow(x[plane * 16 + k] - mean, 2) / 16;
        }
        for (int k = 0; k < 16; k++) {
          assertEquals(
              (x[plane * 16 + k] - mean) / Math.sqrt(var + 1e-5), got[plane * 16 + k], 1e-4);
        }
      }
    }
  }

  @Test
  void theDmLossIsTheSquaredDistanceOfClassMeans() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      // 2 classes, real batch 2, n 1, features of 2
      NDArray real = m.create(new float[] {1, 0, 3, 0, 0, 2, 0, 4}, new Shape(4, 2));
      NDArray syn = m.create(new float[] {1, 1, 0, 0}, new Shape(2, 2));
      // class means (2, 0) and (0, 3); differences (1, -1) and (0, 3): 1 + 1 + 9
      assertEquals(11f, DmBuilder.loss(real, syn, 2, 2, 1).getFloat(), 1e-5);
    }
  }

  @Test
  void theKrrLossIsRidgeRegressionsError() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      // 2 classes, n 1: synthetic features e1, e2 (kernel I, lambda = ridge * 1);
      // alpha = Y_s / (1 + ridge); a real row x predicts x . alpha
      double ridge = 0.5;
      NDArray syn = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
      NDArray real = m.create(new float[] {2, 0, 0, 1}, new Shape(2, 2));
      float loss =
          KrrBuilder.loss(real, syn, Synthesizer.centredOneHot(m, 2, 1), 2, 1, ridge).getFloat();
      // centred labels: class 0 (0.5, -0.5), class 1 (-0.5, 0.5)
      double[][] y = {{0.5, -0.5}, {-0.5, 0.5}};
      double[][] x = {{2, 0}, {0, 1}};
      double want = 0;
      for (int i = 0; i < 2; i++) {
        for (int k = 0; k < 2; k++) {
          double p = (x[i][0] * y[0][k] + x[i][1] * y[1][k]) / (1 + ridge);
          want += (p - y[i][k]) * (p - y[i][k]);
        }
      }
      assertEquals(want / 2, loss, 1e-5);
    }
  }

  @Test
  void mmdPrefersSyntheticPointsThatCoverBothModesWhereTheMeanCannotTell() {
    try (NDManager m = Engine.getEngine(Synthesizer.ENGINE).newBaseManager()) {
      // one class whose real embeddings sit at -1 and +1 (two of each), two synthetic points
      NDArray real = m.create(new float[] {-1, -1, 1, 1}, new Shape(4, 1));
      NDArray covering = m.create(new float[] {-1, 1}, new Shape(2, 1));
      NDArray collapsed = m.create(new float[] {0, 0}, new Shape(2, 1));
      assertEquals(0f, DmBuilder.loss(real, covering, 1, 4, 2).getFloat(), 1e-6f);
      assertEquals(0f, DmBuilder.loss(real, collapsed, 1, 4, 2).getFloat(), 1e-6f);
      float cover = DmBuilder.mmd(real, covering, 1, 4, 2).getFloat();
      float collapse = DmBuilder.mmd(real, collapsed, 1, 4, 2).getFloat();
      assertTrue(cover < collapse, "covering " + cover + ", collapsed " + collapse);
      // and a synthetic set far from the real one scores worse still
      NDArray far = m.create(new float[] {5, 6}, new Shape(2, 1));
      assertTrue(DmBuilder.mmd(real, far, 1, 4, 2).getFloat() > collapse);
    }
  }

  @Test
  void mmdMatchingWithAnElasticWarpLowersItsLossAndSaysWhatItRan() throws IOException {
    SynthesisConfig c =
        new SynthesisConfig(
            60, 16, 8, 2, 0.01, "real", true, 0.01, 1, "hard", 0.01, "elastic", "mmd");
    BuiltSet built =
        new DmBuilder()
            .build(
                c,
                new BuildRequest(TestImages.blobs(3, 20, 4), Optional.empty(), 3, 3, new Seed(1)),
                new BuildContext(Progress.NONE, work, 1));
    double first = ((Number) built.facts().get("loss_first")).doubleValue();
    double last = ((Number) built.facts().get("loss_last")).doubleValue();
    assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last);
    assertEquals("elastic", built.facts().get("warp"));
    assertEquals("mmd", built.facts().get("match"));
  }

  /** Trained networks with {@code ce}: queue size, arrival interval, SGD steps and rate. */
  private static SynthesisConfig trained(
      int iterations, int queue, int every, int steps, double netLr, double ce) {
    return new SynthesisConfig(
        iterations,
        8,
        8,
        2,
        0.05,
        "noise",
        false,
        0.01,
        1,
        "hard",
        0.01,
        "none",
        "mean",
        "trained",
        queue,
        every,
        16,
        steps,
        netLr,
        ce);
  }

  private static double fact(BuiltSet built, String key) {
    return ((Number) built.facts().get(key)).doubleValue();
  }

  @Test
  void aBuildThroughTrainedNetworksLowersItsLossTrainsTheQueueAndSaysWhatRan() throws IOException {
    SynthesisConfig c = trained(60, 3, 10, 2, 0.01, 0.1);
    BuiltSet built = build(new DmBuilder(), c);
    double first = fact(built, "loss_first");
    double last = fact(built, "loss_last");
    assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last);
    double accuracy = fact(built, "net_accuracy_last");
    assertTrue(accuracy >= 0.9, "the queue's networks classify the pool: " + accuracy);
    assertEquals("trained", built.facts().get("nets"));
    assertEquals(3, built.facts().get("net_queue"));
    assertTrue(built.facts().containsKey("ce_last"));
    // the same seed builds the same set: the queue's draws come from the request's seed
    assertArrayEquals(built.images().pixels(), build(new DmBuilder(), c).images().pixels());
    // and random networks record no queue
    SynthesisConfig random =
        new SynthesisConfig(
            5, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.01, "none", "mean");
    BuiltSet plain = build(new DmBuilder(), random);
    assertEquals("random", plain.facts().get("nets"));
    assertFalse(plain.facts().containsKey("net_queue"));
  }

  @Test
  void theCrossEntropyMovesThePixelsTowardsTheirClassUnderTheNetworksClassifier()
      throws IOException {
    // one network that all but stands still (learning rate 1e-6): with a large weight the
    // synthetic images come to be classified as their class; with a tiny one they do not
    BuildRequest r =
        new BuildRequest(TestImages.blobs(3, 20, 4), Optional.empty(), 1, 3, new Seed(2));
    BuildContext ctx = new BuildContext(Progress.NONE, work, 1);
    double strong =
        fact(new DmBuilder().build(trained(200, 1, 1000, 1, 1e-6, 1000), r, ctx), "ce_last");
    double weak =
        fact(new DmBuilder().build(trained(200, 1, 1000, 1, 1e-6, 0.001), r, ctx), "ce_last");
    assertTrue(strong < 0.25 * weak, "cross-entropy with ce 1000: " + strong + ", 0.001: " + weak);
  }

  @Test
  void aCrossEntropyWithoutTrainedNetworksIsRefusedNamingTheKey() {
    assertEquals(
        "ce: 0.5 weighs a cross-entropy under a trained network's classifier; a random network's"
            + " classifier means nothing (set nets: trained, or ce: 0)",
        refusal(
            () ->
                new SynthesisConfig(
                    5, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.1, "none", "mean",
                    "random", 10, 30, 64, 5, 0.01, 0.5)));
    String nets =
        refusal(
            () ->
                new SynthesisConfig(
                    5,
                    8,
                    8,
                    2,
                    0.05,
                    "noise",
                    false,
                    0.01,
                    1,
                    "hard",
                    0.1,
                    "none",
                    "mean",
                    "pretrained",
                    10,
                    30,
                    64,
                    5,
                    0.01,
                    0));
    assertTrue(nets.startsWith("nets: "), nets);
  }

  /** The message of the IllegalArgumentException that {@code config} throws. */
  private static String refusal(org.junit.jupiter.api.function.Executable config) {
    return assertThrows(IllegalArgumentException.class, config).getMessage();
  }

  @Test
  void aWarpWithoutAugmentationAndMmdForKrrAreRefusedNamingTheKey() {
    assertEquals(
        "warp: 'affine' is part of the augmentation, which augment: false turns off",
        refusal(
            () ->
                new SynthesisConfig(
                    5, 8, 8, 2, 0.05, "noise", false, 0.01, 1, "hard", 0.1, "affine", "mean")));
    String kind =
        refusal(
            () ->
                new SynthesisConfig(
                    5, 8, 8, 2, 0.05, "noise", true, 0.01, 1, "hard", 0.1, "twist", "mean"));
    assertTrue(kind.startsWith("warp: "), kind);
    SynthesisConfig mmd =
        new SynthesisConfig(5, 8, 8, 2, 0.05, "noise", true, 0.01, 1, "hard", 0.1, "none", "mmd");
    String krr = refusal(() -> new KrrBuilder().objective(mmd));
    assertTrue(krr.startsWith("match: 'mmd' is for dm"), krr);
  }
}
