package org.rmnist.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What the host gives a {@link FeatureExtractor}.
 *
 * @param modelRoots folders to look for model files in, in order
 * @param progress where to report long work
 * @param threads how many threads inference may use
 */
public record ExtractorContext(List<Path> modelRoots, Progress progress, int threads) {

  /**
   * Where a model path given in a config may be, in the order to try: the path itself when it is
   * absolute (or when there are no model roots), else the path under each model root. Absolute and
   * normalised, for error messages that name every place tried.
   */
  public List<Path> candidates(String path) {
    Path given = Path.of(path);
    if (given.isAbsolute() || modelRoots == null || modelRoots.isEmpty()) {
      return List.of(given.toAbsolutePath().normalize());
    }
    return modelRoots.stream().map(r -> r.resolve(given).toAbsolutePath().normalize()).toList();
  }
}
