package org.rmnist.plugins.supertrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

/** The search improves its own score, never chooses a selection image, and reports its work. */
class SearchBuilderTest {
  @TempDir Path work;

  /** 5 classes of 60 noisy blobs: hard enough that a random start misclassifies some. */
  private static ImageSet pool() {
    ImageSet b = TestImages.blobs(5, 60, 3);
    float[] px = b.pixels().clone();
    java.util.SplittableRandom r = new java.util.SplittableRandom(9);
    for (int i = 0; i < px.length; i++) {
      px[i] += (float) (r.nextGaussian() * 0.6);
    }
    return new ImageSet(px, b.labels(), b.shape(), b.sourceIndices());
  }

  private BuiltSet search(SearchConfig c, long seed, Progress progress) throws IOException {
    return new SearchBuilder()
        .build(
            c,
            new BuildRequest(pool(), Optional.empty(), 1, 5, new Seed(seed)),
            new BuildContext(progress, work, 1));
  }

  @Test
  void theSearchRaisesItsSelectionAccuracyAndKeepsOutOfTheSelectionSplit() throws IOException {
    RecordingProgress progress = new RecordingProgress();
    SearchConfig c = new SearchConfig("pixels", 1, "random", 100, 400, 0, 0);
    BuiltSet built = search(c, 1, progress);
    double start = ((Number) built.facts().get("selection_accuracy_start")).doubleValue();
    double end = ((Number) built.facts().get("selection_accuracy")).doubleValue();
    // five classes of blobs: a random start is far above chance (0.2) and below perfect
    assertTrue(start > 0.3 && start < 1, "the random start scored " + start);
    assertTrue(end > start, "search ended at " + end + " from " + start);
    assertEquals(100, built.facts().get("selection_images"));
    assertTrue(Files.readString(work.resolve("search.csv")).startsWith("iteration,accuracy"));
    assertFalse(progress.calls().isEmpty(), "the search reports its proposals");

    // no chosen image is one of the held-out selection images
    ImageSet pool = pool();
    int[][] candidates = new int[5][];
    int[] selection =
        SearchBuilder.split(
            new BuildRequest(pool, Optional.empty(), 1, 5, new Seed(1)),
            new BuildRequest(pool, Optional.empty(), 1, 5, new Seed(1)).byClass(),
            100,
            candidates);
    Set<Integer> held = Arrays.stream(selection).boxed().collect(Collectors.toSet());
    for (int src : built.images().sourceIndices()) {
      assertFalse(held.contains(src), "chose selection image " + src);
    }
  }

  @Test
  void anotherSeedHoldsOutAnotherSplitAndStartsElsewhere() throws IOException {
    SearchConfig c = new SearchConfig("pixels", 1, "random", 100, 0, 0, 0);
    assertNotEquals(
        Arrays.toString(search(c, 1, Progress.NONE).images().sourceIndices()),
        Arrays.toString(search(c, 2, Progress.NONE).images().sourceIndices()));
  }
}
