package org.rmnist.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A trained classifier; closes the native resources it holds. */
public interface TrainedModel extends AutoCloseable {

  /** Class probabilities for each image. */
  Predictions predict(ImageSet images);

  /** Writes the model to {@code dir} (created if needed) so {@link Model#load} can read it back. */
  void save(Path dir) throws IOException;

  /** Numbers worth recording about training (epochs run, best epoch, support vectors, ...). */
  default Map<String, Object> facts() {
    return Map.of();
  }

  @Override
  default void close() {}
}
