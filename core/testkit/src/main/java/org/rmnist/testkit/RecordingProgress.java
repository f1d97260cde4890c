package org.rmnist.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rmnist.api.Progress;

/**
 * A {@link Progress} that records every call ("start epochs 4", "advance 1", the measure's name for
 * a report, "done") and the values reported for {@link Progress#LOSS} and {@link
 * Progress#VALIDATION_ACCURACY}, for tests of what a fit reports; safe to call from many threads.
 */
public final class RecordingProgress implements Progress {
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Double> losses = Collections.synchronizedList(new ArrayList<>());
  private final List<Double> accuracies = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void start(String task, long total) {
    calls.add("start " + task + " " + total);
  }

  @Override
  public void advance(long steps) {
    calls.add("advance " + steps);
  }

  @Override
  public void done() {
    calls.add("done");
  }

  @Override
  public void report(String measure, double value) {
    calls.add(measure);
    if (LOSS.equals(measure)) {
      losses.add(value);
    } else if (VALIDATION_ACCURACY.equals(measure)) {
      accuracies.add(value);
    }
  }

  /** Every call so far, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** The losses reported so far. */
  public List<Double> losses() {
    return List.copyOf(losses);
  }

  /** The validation accuracies reported so far. */
  public List<Double> accuracies() {
    return List.copyOf(accuracies);
  }
}
