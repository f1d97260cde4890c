package org.rmnist.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

  /**
   * The training objectives this model can run, the first its default: {@code supervised} (from the
   * labelled images) and, for a model that pretrains on its context's {@link
   * TrainContext#unlabelled() unlabelled images}, e.g. {@code autoencoder}. A model with more than
   * one takes the choice in its config's {@code objective} parameter; {@code rmnist models pretrain
   * --objective} checks its argument against this list.
   */
  default List<String> objectives() {
    return List.of("supervised");
  }

  /**
   * Whether {@link #fit} with this config trains towards {@link TrainContext#softLabels()} when the
   * context has them (a training set builder's learned labels); the host gives soft labels only to
   * a model that says so, and refuses a run that would need them otherwise. The default: no.
   */
  default boolean softLabels(C config) {
    return false;
  }
}
