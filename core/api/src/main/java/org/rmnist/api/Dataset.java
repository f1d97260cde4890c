package org.rmnist.api;

import java.io.IOException;

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
}
