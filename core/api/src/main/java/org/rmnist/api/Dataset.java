package org.rmnist.api;

import java.io.IOException;
import java.util.List;

/**
 * A source of labelled images: draws a small training set and returns it with the validation set
 * (and test set, when present).
 *
 * @param <C> config record
 */
public interface Dataset<C extends Record> extends Component<C> {

  /**
   * Loads the splits for one request. Must be deterministic in (config, request).
   *
   * @throws DataFormatException when a file is malformed, naming the file and the problem
   * @throws IOException when a file cannot be read or is missing
   */
  Splits load(C config, DatasetRequest request, DataContext context) throws IOException;

  /**
   * The files {@link #load} reads for {@code config}, found where it would find them, for any
   * request. The host calls it once before training: it hashes each file (SHA-256 of the content,
   * decompressed when gzip) into every run's identity, so a changed file makes new runs instead of
   * reusing results made from the old one, and a file listed in its data set's manifest must have
   * the SHA-256 pinned there. The default, no files, tells the host nothing: results then depend on
   * the config alone. A default method: plugins built before it was added keep loading.
   *
   * @throws java.nio.file.NoSuchFileException when the data is not there (the message {@link #load}
   *     would give)
   * @throws IOException when a folder cannot be read
   */
  default List<DataFile> files(C config, DataContext context) throws IOException {
    return List.of();
  }
}
