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
public record ExtractorContext(List<Path> modelRoots, Progress progress, int threads) {}
