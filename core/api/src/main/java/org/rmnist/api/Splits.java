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
 */
public record Splits(
    ImageSet train,
    ImageSet validation,
    Optional<ImageSet> test,
    int classes,
    Map<String, String> provenance) {

  public Splits {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    provenance = Map.copyOf(provenance);
    if (classes < 2) {
      throw new IllegalArgumentException("a classification task needs at least 2 classes");
    }
  }
}
