package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;

/** Trees draw features from the context seed: same seed, same model; another seed, another. */
class TreeSeedTest {
  // Two images per class: many pixels split them equally well, so the seed picks which.
  private static final ImageSet TRAIN = Blobs.make(4, 2, 0.3, 11);
  private static final ImageSet TEST = Blobs.make(4, 40, 0.3, 12);

  private static <C extends Record> float[] predict(
      Model<C> model, C config, long seed, int threads, Path dir) throws Exception {
    var context =
        new org.rmnist.api.TrainContext(
            new org.rmnist.api.Seed(seed),
            4,
            org.rmnist.api.Progress.NONE,
            dir,
            threads,
            org.rmnist.api.OnTheFly.NONE);
    return model.fit(config, TRAIN, TEST, context).predict(TEST).probabilities();
  }

  @Test
  void decisionTree(@TempDir Path dir) throws Exception {
    var model = new DecisionTreeModel();
    var config = DecisionTreeConfig.defaults();
    assertArrayEquals(predict(model, config, 5, 1, dir), predict(model, config, 5, 1, dir));
    assertFalse(
        Arrays.equals(predict(model, config, 5, 1, dir), predict(model, config, 6, 1, dir)));
  }

  @Test
  void randomForestAlsoIndependentOfThreads(@TempDir Path dir) throws Exception {
    var model = new RandomForestModel();
    var config = new RandomForestConfig(20, 10, 1);
    float[] one = predict(model, config, 5, 1, dir);
    assertArrayEquals(one, predict(model, config, 5, 1, dir));
    assertArrayEquals(one, predict(model, config, 5, 3, dir));
    assertFalse(Arrays.equals(one, predict(model, config, 6, 1, dir)));
  }
}
