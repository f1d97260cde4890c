package org.rmnist.host.run;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.rmnist.api.DataContext;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Splits;
import org.rmnist.api.UnlabelledImages;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.UnlabelledSpec;

/**
 * Makes a run's unlabelled images (the unlabelled track): the data set is asked for its whole pool
 * (request n = 0, as a training set builder gets it), the labels are dropped as the images become
 * {@link UnlabelledImages}, and the spec's range, size and draw exclusion pick among them. The pool
 * is what the {@link org.rmnist.api.DatasetRequest} contract makes it (never a validation or test
 * image); a range reaching past it is refused.
 */
final class UnlabelledView {
  private UnlabelledView() {}

  /** The data set's pool, labels dropped. */
  static UnlabelledImages pool(PlannedRun.Draw draw, DataContext data) throws IOException {
    ImageSet pool =
        PluginFailure.guard(
            draw.dataset(),
            "loading the pool for the unlabelled view",
            () -> draw.dataset().load(new DatasetRequest(0, draw.seed()), data).train());
    return UnlabelledImages.of(pool);
  }

  /**
   * The images of {@code pool} that {@code spec} asks for, for a run on {@code splits}; {@code at}
   * names the spec in messages ({@code runs.NAME.unlabelled}).
   */
  static UnlabelledImages select(
      UnlabelledImages pool, UnlabelledSpec spec, Splits splits, long drawSeed, String at) {
    BitSet chosen = new BitSet();
    int[] src = pool.sourceIndices();
    for (int i = 0; i < src.length; i++) {
      chosen.set(i);
    }
    if (spec.range() != null) {
      int lo = spec.range().get(0);
      int hi = spec.range().get(1);
      BitSet inPool = indices(src);
      int outside = (hi - lo) - inPool.get(lo, hi).cardinality();
      if (outside > 0) {
        int[] sorted = src.clone();
        Arrays.sort(sorted);
        throw new ConfigException(
            at
                + ".range: ["
                + lo
                + ", "
                + hi
                + ") reaches "
                + outside
                + " source indices outside the data set's pool ("
                + src.length
                + " images, indices "
                + (sorted.length == 0 ? "none" : sorted[0] + ".." + sorted[sorted.length - 1])
                + "): validation and test images never enter the unlabelled view");
      }
      for (int i = 0; i < src.length; i++) {
        if (src[i] < lo || src[i] >= hi) {
          chosen.clear(i);
        }
      }
    }
    if (spec.excludeDraw()) {
      BitSet draw = indices(splits.train().sourceIndices());
      for (int i = 0; i < src.length; i++) {
        if (draw.get(src[i])) {
          chosen.clear(i);
        }
      }
    }
    int[] keep = chosen.stream().toArray();
    if (spec.size() != null) {
      if (spec.size() > keep.length) {
        throw new ConfigException(
            at
                + ".size: "
                + spec.size()
                + " images asked for, but the view holds "
                + keep.length
                + "; ask for at most that many or leave size out");
      }
      SplittableRandom rng = new org.rmnist.api.Seed(drawSeed).derive("unlabelled").random();
      for (int i = keep.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = keep[i];
        keep[i] = keep[j];
        keep[j] = t;
      }
      keep = Arrays.copyOf(keep, spec.size());
      Arrays.sort(keep);
    }
    return keep.length == src.length ? pool : pool.select(keep);
  }

  private static BitSet indices(int[] values) {
    BitSet b = new BitSet();
    for (int v : values) {
      if (v >= 0) {
        b.set(v);
      }
    }
    return b;
  }
}
