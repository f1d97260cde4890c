package org.rmnist.api;

/**
 * A sink for progress of long work; the host draws a bar on a terminal and stays quiet otherwise.
 */
public interface Progress {

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
}
