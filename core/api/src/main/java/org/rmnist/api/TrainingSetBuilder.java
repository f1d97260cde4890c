package org.rmnist.api;

import java.io.IOException;

/**
 * Builds a small training set from a labelled pool: chooses N real images per class (a coreset) or
 * synthesizes them ("super-trainers", Nielsen's last open question). An experiment names a builder
 * under a data set's {@code build} key; the host then asks that data set for its whole training
 * pool (the images an RMNIST draw would come from, never validation or test images), hands it to
 * {@link #build} with N and a seed, and trains every run of that data set on what it returns,
 * scored on the data set's own validation and test sets. Built sets are cached by content hash
 * (builder, its config and plugin version, the data files, N, seed, feature space), so every model
 * and training seed reuses one build.
 *
 * <p>Any scoring the builder needs while choosing or synthesizing must use a part of the pool it
 * holds out itself (a selection split): it never sees the validation or test images.
 *
 * @param <C> config record
 */
public interface TrainingSetBuilder<C extends Record> extends Component<C> {

  /**
   * Builds the set. Deterministic in (config, request). Returns exactly {@code request.n()} images
   * per class, of the pool's shape, labelled in {@code 0..classes-1}.
   *
   * @throws IllegalArgumentException when the request cannot be met (for example N larger than a
   *     class has in the pool), naming the key and what was expected
   * @throws IOException when a file the builder reads cannot be read
   */
  BuiltSet build(C config, BuildRequest request, BuildContext context) throws IOException;

  /**
   * Whether {@link #build} with this config reads {@link BuildRequest#poolFeatures()}: the host
   * then refuses a data set that names no {@code features} for it (before anything runs) and
   * ignores features given to a builder that reads none. The default: it reads none.
   */
  default boolean usesFeatures(C config) {
    return false;
  }

  /**
   * Whether {@link #build} with this config reads {@link BuildRequest#start()}, a set another
   * builder made first (for example synthesis started from a chosen coreset): the host then refuses
   * a data set that names no {@code build.start} for it, and a {@code build.start} given to a
   * builder that reads none. The default: it reads none.
   */
  default boolean startsFrom(C config) {
    return false;
  }

  /**
   * Whether {@link #build} with this config returns {@link BuiltSet#softLabels}: the host then
   * refuses, before anything runs, a run of the data set whose model cannot train on them ({@link
   * Model#softLabels}). The default: hard labels only.
   */
  default boolean softLabels(C config) {
    return false;
  }
}
