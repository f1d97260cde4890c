package org.rmnist.host.config;

import java.util.Map;

/**
 * One augmentation in a pipeline.
 *
 * @param id the augmentation extension id
 * @param p probability of applying it to an image (1 = always)
 * @param params its parameters
 */
public record StepSpec(String id, Double p, Map<String, Object> params) {
  public StepSpec {
    p = p == null ? 1.0 : p;
    params = params == null ? Map.of() : params;
  }
}
