package org.rmnist.api;

/**
 * A sink for progress of long work; the host redraws a bar on a terminal and prints a plain line
 * now and then otherwise.
 */
public interface Progress {

  /** The measure a fit reports its current training loss under. */
  String LOSS = "loss";

  /** The measure a fit reports its last validation accuracy (a fraction of 1) under. */
  String VALIDATION_ACCURACY = "val_accuracy";

  /** Progress that goes nowhere. */
  Progress NONE =
      new Progress() {
        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long steps) {}

        @Override
        public void done() {}
      };

  /** Begins a task of {@code total} steps (0 when unknown). */
  void start(String task, long total);

  /** Records {@code steps} more finished steps. */
  void advance(long steps);

  /** Ends the current task. */
  void done();

  /**
   * Reports the latest value of a measure of the current task, such as {@link #LOSS}; the host
   * shows the last value of each; by default it is dropped.
   */
  default void report(String measure, double value) {}

  /**
   * The progress of one named part of the current task (one run of an experiment, say), shown
   * within it; by default {@link #NONE}.
   */
  default Progress subtask(String name) {
    return NONE;
  }
}
