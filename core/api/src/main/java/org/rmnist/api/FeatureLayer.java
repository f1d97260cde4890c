package org.rmnist.api;

import java.util.List;

/**
 * A tensor of a network that a {@link FeatureExtractor} can return as features.
 *
 * @param name the tensor's name in the model
 * @param shape its shape, batch dimension first; -1 where the model leaves a dimension open
 * @param op the operation that produces it (Conv, Relu, GlobalAveragePool, ...), or "input"
 */
public record FeatureLayer(String name, List<Long> shape, String op) {
  public FeatureLayer {
    shape = List.copyOf(shape);
  }
}
