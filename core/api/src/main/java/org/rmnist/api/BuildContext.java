package org.rmnist.api;

import java.nio.file.Path;

/**
 * What the host gives a {@link TrainingSetBuilder} besides the request.
 *
 * @param progress where to report long work (steps of a search or a synthesis)
 * @param workDir a folder of this build's own, for checkpoints and curves (kept across a resumed
 *     build)
 * @param threads how many threads the builder may use
 */
public record BuildContext(Progress progress, Path workDir, int threads) {

  public BuildContext {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }
}
