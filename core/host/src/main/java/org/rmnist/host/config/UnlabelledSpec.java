package org.rmnist.host.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's unlabelled images (YAML {@code unlabelled: pool}, or the long form below): images of the
 * data set's training pool, their labels never read; validation and test images never enter it. The
 * model receives them in its {@link org.rmnist.api.TrainContext#unlabelled()}, after the run's
 * feature step when it has one.
 *
 * @param from where the images come from; only {@code pool} (the data set's pool: for {@code
 *     rmnist} MNIST training images 0..49999)
 * @param range keep only the pool images whose source index lies in [range[0], range[1]); a range
 *     that reaches past the pool (into validation or test) is refused
 * @param size keep this many of them, chosen at random (seeded by the data set's draw seed); all
 *     when absent
 * @param excludeDraw leave out the run's own labelled images (by default they are in the view, as
 *     they are in the pool)
 */
public record UnlabelledSpec(
    String from,
    List<Integer> range,
    Integer size,
    @JsonProperty("excludeDraw") Boolean excludeDraw) {

  /** The only source: the data set's training pool. */
  public static final String POOL = "pool";

  public UnlabelledSpec {
    from = from == null ? POOL : from;
    range = range == null ? null : List.copyOf(range);
    excludeDraw = excludeDraw != null && excludeDraw;
  }

  /** The short form {@code unlabelled: pool}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static UnlabelledSpec of(String from) {
    return new UnlabelledSpec(from, null, null, null);
  }

  /** What decides the view's images, for a run's identity. */
  public Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from);
    if (range != null) {
      m.put("range", range);
    }
    if (size != null) {
      m.put("size", size);
    }
    m.put("exclude_draw", excludeDraw);
    return m;
  }
}
