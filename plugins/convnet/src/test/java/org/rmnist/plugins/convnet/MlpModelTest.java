package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainedModel;

class MlpModelTest {
  static final ImageSet TRAIN = Patterns.make(10, 1);
  static final ImageSet TEST = Patterns.make(30, 2);
  final MlpModel model = new MlpModel();

  @Test
  void learnsThePatternsAndSavesAndLoads(@TempDir Path dir) throws Exception {
    MlpConfig config = Configs.mlp(60, false);
    float[] before;
    try (TrainedModel m = model.fit(config, TRAIN, TEST, Patterns.context(1, dir))) {
      before = m.predict(TEST).probabilities();
      double accuracy = m.predict(TEST).accuracy(TEST.labels());
      assertTrue(accuracy > 0.7, "accuracy " + accuracy + " (chance 0.1)");
      assertEquals(100, m.facts().get("batchSize"));
      assertEquals(false, m.facts().get("patchInputs"));
      m.save(dir.resolve("mlp"));
    }
    try (TrainedModel loaded = model.load(config, dir.resolve("mlp"))) {
      assertArrayEquals(before, loaded.predict(TEST).probabilities());
    }
    try (TrainedModel again = model.fit(config, TRAIN, TEST, Patterns.context(1, dir))) {
      assertArrayEquals(before, again.predict(TEST).probabilities(), "same seed");
    }
  }

  @Test
  void stopsWhenTheTrainingLossStalls(@TempDir Path dir) throws Exception {
    MlpConfig stall =
        Configs.with(Configs.mlp(50, true), Map.of("training.tol", 10.0, "training.patience", 2));
    try (TrainedModel m = model.fit(stall, TRAIN, TEST, Patterns.context(1, dir))) {
      Map<String, Object> facts = m.facts();
      // epoch 1 sets the best loss; epochs 2, 3, 4 fail to beat it by tol; 3 > patience stops
      assertEquals(4, facts.get("epochs"));
      assertEquals(true, facts.get("stoppedEarly"));
      assertEquals(4, ((List<?>) facts.get("curve")).size());
    }
    try (TrainedModel m = model.fit(Configs.mlp(5, true), TRAIN, TEST, Patterns.context(1, dir))) {
      assertEquals(false, m.facts().get("stoppedEarly"));
      assertEquals(5, m.facts().get("epochs"));
    }
  }

  @Test
  void penaltyIsScikitLearnsAlphaOverTwiceTheBatch() {
    MlpNet net =
        new MlpNet(Configs.with(Configs.mlp(1, false), "alpha", 0.5), ImageShape.MNIST, 10);
    try (NDManager m = Torch.newManager()) {
      net.initialise(m, new Seed(1));
      double squares = 0;
      for (Net.TensorSpec s : net.specs()) {
        if (s.name().endsWith(".weight")) {
          int k = net.specs().indexOf(s);
          for (float v : net.tensors()[k].toFloatArray()) {
            squares += (double) v * v;
          }
        }
      }
      try (NDManager step = m.newSubManager()) {
        NDArray penalty = net.penalty(step, 25);
        assertEquals(0.5 / (2 * 25) * squares, penalty.getFloat(), 1e-5 * squares);
      }
    }
  }

  @Test
  void glorotInitialisationBounds() {
    MlpNet net = new MlpNet(Configs.mlp(1, false), ImageShape.MNIST, 10);
    try (NDManager m = Torch.newManager()) {
      net.initialise(m, new Seed(1));
      float bound = (float) Math.sqrt(6.0 / (784 + 64));
      float max = 0;
      for (float v : net.tensors()[0].toFloatArray()) {
        max = Math.max(max, Math.abs(v));
      }
      assertTrue(max <= bound && max > 0.95 * bound, "max |w| " + max + ", bound " + bound);
      assertFalse(net.parameterCount() == 0);
    }
  }
}
