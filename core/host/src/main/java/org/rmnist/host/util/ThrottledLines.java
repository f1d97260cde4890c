package org.rmnist.host.util;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Prints progress lines to a log, dropping every line that comes less than an interval after the
 * last one printed or after the last {@link #hold()}, so a log gets at most one line per interval.
 */
final class ThrottledLines implements Consumer<String> {
  private final PrintStream out;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long last;

  /**
   * @param nanoClock the time in nanoseconds, as {@link System#nanoTime()} gives it
   */
  ThrottledLines(PrintStream out, Duration interval, LongSupplier nanoClock) {
    this.out = out;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.last = nanoClock.getAsLong();
  }

  /** Prints nothing for an interval from now: a task that just began has nothing to tell yet. */
  synchronized void hold() {
    last = nanoClock.getAsLong();
  }

  @Override
  public synchronized void accept(String line) {
    long now = nanoClock.getAsLong();
    if (now - last >= intervalNanos) {
      out.println(line);
      out.flush();
      last = now;
    }
  }
}
