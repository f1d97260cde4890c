package org.rmnist.host.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rmnist.api.Progress;

/**
 * A run's progress that also remembers where its fit is (task, steps done of total, the latest
 * measures), so the worker's heartbeat can put it in the run's claim for the launching command's
 * {@link Monitor} to show.
 */
final class FitStatus implements Progress {
  private final Progress inner;
  private final Map<String, Double> measures = new ConcurrentHashMap<>();
  private volatile String task;
  private volatile long total;
  private volatile long done;
  private volatile long startedAt;

  FitStatus(Progress inner) {
    this.inner = inner;
  }

  @Override
  public void start(String task, long total) {
    this.task = task;
    this.total = total;
    this.done = 0;
    this.startedAt = System.currentTimeMillis();
    measures.clear();
    inner.start(task, total);
  }

  @Override
  public void advance(long steps) {
    done += steps;
    inner.advance(steps);
  }

  @Override
  public void done() {
    inner.done();
  }

  @Override
  public void report(String measure, double value) {
    measures.put(measure, value);
    inner.report(measure, value);
  }

  @Override
  public Progress subtask(String name) {
    return inner.subtask(name);
  }

  /** The fit's state for the claim: empty before the fit started. */
  Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (task != null) {
      m.put("task", task);
      m.put("done", done);
      m.put("total", total);
      m.put("seconds", (System.currentTimeMillis() - startedAt) / 1000.0);
      measures.forEach(m::put);
    }
    return m;
  }

  /**
   * "epochs 1350/3000, loss 0.0352, ETA 1m10s" from a claim's {@code fit} entry; empty when it has
   * none (an older worker, or the fit has not started).
   */
  static String describe(Object fit) {
    if (!(fit instanceof Map<?, ?> m) || !(m.get("done") instanceof Number done)) {
      return "";
    }
    long total = m.get("total") instanceof Number t ? t.longValue() : 0;
    StringBuilder sb = new StringBuilder(", ").append(m.get("task")).append(' ').append(done);
    if (total > 0) {
      sb.append('/').append(total);
    }
    if (m.get(Progress.LOSS) instanceof Number loss) {
      sb.append(String.format(java.util.Locale.ROOT, ", loss %.4g", loss.doubleValue()));
    }
    if (m.get(Progress.VALIDATION_ACCURACY) instanceof Number acc) {
      sb.append(String.format(java.util.Locale.ROOT, ", val %.2f%%", acc.doubleValue() * 100));
    }
    if (total > 0 && done.longValue() > 0 && m.get("seconds") instanceof Number s) {
      long left =
          Math.round(s.doubleValue() * 1000 * (total - done.longValue()) / done.doubleValue());
      sb.append(", ETA ").append(Monitor.human(left));
    }
    return sb.toString();
  }
}
