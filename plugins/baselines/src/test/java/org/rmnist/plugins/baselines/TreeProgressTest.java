package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.testkit.RecordingProgress;

/** Tree fits report each tree grown to the progress they are given, from every thread. */
class TreeProgressTest {
  private static final ImageSet TRAIN = Blobs.make(4, 5, 0.3, 11);

  private static List<String> fitWith(int threads, Path dir, boolean forest) throws Exception {
    RecordingProgress recording = new RecordingProgress();
    TrainContext ctx = new TrainContext(new Seed(1), 4, recording, dir, threads, OnTheFly.NONE);
    if (forest) {
      new RandomForestModel().fit(new RandomForestConfig(12, 0, 0), TRAIN, TRAIN, ctx).close();
    } else {
      new DecisionTreeModel().fit(DecisionTreeConfig.defaults(), TRAIN, TRAIN, ctx).close();
    }
    return recording.calls();
  }

  @Test
  void aForestReportsEveryTreeAndATreeItself(@TempDir Path dir) throws Exception {
    List<String> forest = new ArrayList<>(List.of("start trees 12"));
    forest.addAll(Collections.nCopies(12, "advance 1"));
    forest.add("done");
    assertEquals(forest, fitWith(3, dir, true));
    assertEquals(List.of("start trees 1", "advance 1", "done"), fitWith(1, dir, false));
  }
}
