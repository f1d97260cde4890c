package org.rmnist.host.config;

import java.util.List;
import java.util.Map;

/**
 * Hyper-parameter search over one run's model parameters, scored by mean validation accuracy over
 * the experiment's data rows and the run's training seeds. Test accuracy is only reported, once,
 * for the chosen configuration.
 *
 * @param run the run whose parameters are searched (its params are the starting point)
 * @param method random (independent draws) or anneal (Nielsen's anneal.py: move one parameter up or
 *     down by its factor, keep the move if better or with probability exp(gain / temperature))
 * @param steps candidates to evaluate, the starting point included
 * @param seed seed of the search's own choices
 * @param temperature anneal: starting temperature in accuracy points, cooling linearly to 0
 * @param space parameter name → its range
 */
public record SearchSpec(
    String run,
    String method,
    Integer steps,
    Long seed,
    Double temperature,
    Map<String, ParamRange> space) {

  /** The search methods. */
  public static final List<String> METHODS = List.of("random", "anneal");

  public SearchSpec {
    method = method == null ? "anneal" : method;
    steps = steps == null ? 10 : steps;
    seed = seed == null ? 0 : seed;
    temperature = temperature == null ? 1.0 : temperature;
    space = space == null ? Map.of() : space;
  }

  /**
   * One parameter's range: numeric ({@code min}, {@code max}, {@code scale} log or linear, {@code
   * factor} for anneal moves, {@code integer}) or categorical ({@code values}).
   */
  public record ParamRange(
      Double min, Double max, String scale, Double factor, Boolean integer, List<Object> values) {
    public ParamRange {
      scale = scale == null ? "log" : scale;
      factor = factor == null ? 2.0 : factor;
      integer = integer != null && integer;
    }

    /** Whether this is a list of values rather than a numeric range. */
    public boolean categorical() {
      return values != null;
    }
  }
}
