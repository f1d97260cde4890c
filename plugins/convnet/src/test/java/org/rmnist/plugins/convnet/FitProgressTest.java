package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.testkit.RecordingProgress;

/** What a fit tells its progress: epochs, the training loss and the validation accuracy. */
class FitProgressTest {
  static final ImageSet TRAIN = Patterns.make(10, 1);
  static final ImageSet TEST = Patterns.make(10, 2);

  /** Every call, as text: "start epochs 4", "advance 1", "loss 2.3", "done". */
  private static float[] fit(ConvnetConfig config, Progress progress, Path dir) throws Exception {
    TrainContext ctx = new TrainContext(new Seed(7), 10, progress, dir, 1, OnTheFly.NONE);
    try (TrainedModel m = new ConvnetModel().fit(config, TRAIN, TEST, ctx)) {
      return m.predict(TEST).probabilities();
    }
  }

  @Test
  void eachEpochReportsItsLossAndEvaluatedEpochsTheirAccuracy(@TempDir Path dir) throws Exception {
    RecordingProgress r = new RecordingProgress();
    fit(Configs.convnet(4, "sgd", 0.05, 0, false, "constant", 2, false, 0, false), r, dir);
    assertEquals(
        List.of(
            "start epochs 4",
            "loss",
            "advance 1",
            "loss",
            "val_accuracy",
            "advance 1",
            "loss",
            "advance 1",
            "loss",
            "val_accuracy",
            "advance 1",
            "done"),
        r.calls());
    assertTrue(r.losses().stream().allMatch(l -> l > 0 && l < 10), r.losses().toString());
    assertTrue(r.accuracies().stream().allMatch(a -> a >= 0 && a <= 1), r.accuracies().toString());
  }

  @Test
  void anUntrackedLossIsTheLastBatchsAndReadingItChangesNoResult(@TempDir Path dir)
      throws Exception {
    ConvnetConfig config = Configs.nielsen(3);
    RecordingProgress r = new RecordingProgress();
    float[] shown = fit(config, r, dir.resolve("a"));
    assertEquals(3, r.losses().size(), r.calls().toString());
    assertTrue(r.losses().stream().allMatch(l -> l > 0 && l < 10), r.losses().toString());
    assertTrue(r.accuracies().isEmpty(), "no evaluation, no accuracy: " + r.accuracies());
    assertArrayEquals(fit(config, Progress.NONE, dir.resolve("b")), shown);
  }
}
