package org.rmnist.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A learning algorithm (Tribuo's Trainer): {@link #fit} turns training images into a {@link
 * TrainedModel}. The validation set may be used for curves and early stopping only when the config
 * says so; it is never trained on.
 *
 * @param <C> config record
 */
public interface Model<C extends Record> extends Component<C> {

  /** Trains a model. Deterministic in (config, data, context seed). */
  TrainedModel fit(C config, ImageSet train, ImageSet validation, TrainContext context)
      throws IOException;

  /** Loads a model that {@link TrainedModel#save} wrote. */
  TrainedModel load(C config, Path dir) throws IOException;

  /**
   * Whether the models {@link #fit} and {@link #load} return are {@link OnnxExportable}, so that
   * the host can tell before a run is trained or loaded whether it can be exported.
   */
  default boolean exportsOnnx() {
    return false;
  }
}
