package org.rmnist.plugins.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;
import org.rmnist.testkit.TestImages;

/** IDM's queue keeps its newest networks, and training teaches them the pool's classes. */
class NetQueueTest {
  private static final Engine ENGINE = Engine.getEngine(Synthesizer.ENGINE);

  /** A dm config with trained networks: queue size, arrival interval, SGD steps and rate. */
  static SynthesisConfig trained(int queue, int every, int steps, double netLr, double ce) {
    return new SynthesisConfig(
        10, 8, 8, 2, 0.05, "real", false, 0.01, 1, "hard", 0.01, "none", "mean", "trained", queue,
        every, 30, steps, netLr, ce);
  }

  @Test
  void aNewNetworkJoinsEveryFewStepsAndTheOldestLeavesWhenTheQueueIsFull() {
    try (NDManager m = ENGINE.newBaseManager()) {
      NetQueue queue = new NetQueue(m, ImageShape.MNIST, trained(3, 2, 1, 0.01, 0), 3);
      int[] sizes = new int[8];
      NetQueue.Member first = null;
      boolean firstLeftEarly = false;
      for (int it = 0; it < 8; it++) {
        queue.grow(it, new Seed(1));
        sizes[it] = queue.size();
        if (it == 0) {
          first = queue.draw(new SplittableRandom(1));
        } else if (it < 6) {
          firstLeftEarly |= first.left();
        }
      }
      assertEquals(
          "[1, 1, 2, 2, 3, 3, 3, 3]",
          java.util.Arrays.toString(sizes),
          "joins at steps 0, 2, 4, 6");
      assertTrue(!firstLeftEarly && first.left(), "the first network leaves when the fourth joins");
    }
  }

  @Test
  void trainingOnThePoolTeachesTheDrawnNetworkToClassifyIt() {
    ImageSet pool = TestImages.blobs(3, 20, 4);
    int[][] byClass = new BuildRequest(pool, Optional.empty(), 1, 3, new Seed(1)).byClass();
    try (NDManager m = ENGINE.newBaseManager()) {
      NetQueue queue = new NetQueue(m, ImageShape.MNIST, trained(1, 1000, 30, 0.05, 0), 3);
      queue.grow(0, new Seed(1));
      NetQueue.Member member = queue.draw(new SplittableRandom(1));
      assertEquals(0.0, member.accuracy(), "untrained");
      double before = accuracy(member, pool, m);
      try (NDManager step = m.newSubManager()) {
        queue.train(ENGINE, step, pool, byClass, new SplittableRandom(2));
      }
      double after = accuracy(member, pool, m);
      assertTrue(member.accuracy() >= 0.9, "last batch " + member.accuracy());
      assertTrue(after >= 0.9 && after > before, "on the pool " + before + " -> " + after);
    }
  }

  /** The fraction of {@code pool} the member's classifier labels right. */
  private static double accuracy(NetQueue.Member member, ImageSet pool, NDManager m) {
    try (NDManager local = m.newSubManager()) {
      NDArray x = local.create(pool.pixels(), new Shape(pool.size(), 1, 28, 28));
      long[] guess = member.logits(member.net().embed(x)).argMax(1).toLongArray();
      int right = 0;
      for (int i = 0; i < guess.length; i++) {
        right += guess[i] == pool.labels()[i] ? 1 : 0;
      }
      return right / (double) guess.length;
    }
  }
}
