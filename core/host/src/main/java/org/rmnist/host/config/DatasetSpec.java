package org.rmnist.host.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One data set of the matrix.
 *
 * @param plugin the dataset extension id (YAML key {@code id})
 * @param params its parameters
 * @param n images per class to draw (0 = whole pool), one row of the table each
 * @param drawSeeds seeds of the draw; results show mean ± std over them
 * @param enabled false keeps the entry in the file but out of the run (turn on with an override)
 * @param label row label prefix; default "RMNIST" ("MNIST" for n = 0)
 * @param build a training set builder that makes the N images per class from the data set's pool
 *     instead of drawing them; null: the data set's own draw
 */
public record DatasetSpec(
    @JsonProperty("id") String plugin,
    Map<String, Object> params,
    List<Integer> n,
    List<Long> drawSeeds,
    Boolean enabled,
    String label,
    BuildSpec build) {

  public DatasetSpec {
    params = params == null ? Map.of() : params;
    n = n == null ? List.of() : List.copyOf(n);
    drawSeeds = drawSeeds == null || drawSeeds.isEmpty() ? List.of(0L) : List.copyOf(drawSeeds);
    enabled = enabled == null || enabled;
  }
}
