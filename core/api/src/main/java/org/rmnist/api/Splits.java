package org.rmnist.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Dataset} returns: the training images drawn for one request, the validation set
 * used for every choice, and the test set when the user has it.
 *
 * @param provenance facts a reader needs to reproduce the draw (file hashes, protocol, seed,
 *     indices)
 * @param softLabels null, or one row of {@code classes} probabilities per training image (a built
 *     set's learned labels, {@link BuiltSet#softLabels})
 */
public record Splits(
    ImageSet train,
    ImageSet validation,
    Optional<ImageSet> test,
    int classes,
    Map<String, String> provenance,
    float[] softLabels) {

  /** Splits with hard labels only. */
  public Splits(
      ImageSet train,
      ImageSet validation,
      Optional<ImageSet> test,
      int classes,
      Map<String, String> provenance) {
    this(train, validation, test, classes, provenance, null);
  }

  public Splits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    provenance = Map.copyOf(provenance);
    if (classes < 2) {
      throw new IllegalArgumentException("a classification task needs at least 2 classes");
    }
    if (softLabels != null && softLabels.length != (long) train.size() * classes) {
      throw new IllegalArgumentException(
          "softLabels: "
              + softLabels.length
              + " values, expected "
              + train.size()
              + " training images x "
              + classes
              + " classes");
    }
  }
}
