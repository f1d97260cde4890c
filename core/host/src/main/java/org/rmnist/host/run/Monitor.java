package org.rmnist.host.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The launching command's view of its workers, from the experiment's folder alone (so it works for
 * workers anywhere): one line with runs done, running, failed and an estimate of the time left,
 * then each worker's current run. On a terminal the line is redrawn every second; otherwise it is
 * printed when it changes. Each run that finishes gets a line with its accuracies.
 */
final class Monitor {
  /** A claim whose heartbeat is older than this is not counted as running. */
  private static final long ALIVE_MILLIS = 3 * Claim.HEARTBEAT_MILLIS;

  private final Coordinator.Experiment e;
  private final PrintStream log;
  private final boolean terminal = System.console() != null;
  private final Set<String> seenDone = new HashSet<>();
  private final Object lock = new Object();
  private Thread thread;
  private boolean paused;
  private String last = "";
  private int trainedNow;

  Monitor(Coordinator.Experiment e, PrintStream log) {
    this.e = e;
    this.log = log;
    for (PlannedRun run : e.plan()) {
      if (e.store().isDone(run) && !e.willRun().contains(run.hash())) {
        seenDone.add(run.hash());
      }
    }
  }

  void start() {
    thread =
        new Thread(
            () -> {
              // first look after a second: the launcher's own lines come before the first line
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException ex) {
                  return;
                }
                synchronized (lock) {
                  if (!paused) {
                    look();
                  }
                }
              }
            },
            "launch-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops looking at claim files for good: a worker in this process holds POSIX locks, which any
   * other handle of the same file in the process would drop when closed. That worker shows its own
   * progress.
   */
  void pauseForHere() {
    synchronized (lock) {
      paused = true;
    }
  }

  void stop() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      synchronized (lock) {
        if (!paused) {
          look();
        }
        if (terminal && !last.isEmpty()) {
          log.println();
        }
      }
    }
  }

  private void look() {
    int done = 0;
    int failed = 0;
    List<String> running = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < e.plan().size(); i++) {
      PlannedRun run = e.plan().get(i);
      var finished = e.store().done(run);
      boolean fresh = finished.isPresent() && e.store().doneSince(run, e.sessionStart());
      if (finished.isPresent() && (fresh || !e.willRun().contains(run.hash()))) {
        done++;
        if (seenDone.add(run.hash())) {
          trainedNow++;
          finishedLine(i, run, finished.get());
        }
        continue;
      }
      if (e.store().failedSince(run, e.sessionStart()).isPresent()) {
        failed++;
        continue;
      }
      Claim.peek(e.store().runDir(run))
          .filter(
              c -> "running".equals(c.get("state")) && age(c.get("heartbeat"), now) < ALIVE_MILLIS)
          .ifPresent(
              c ->
                  running.add(
                      c.get("worker")
                          + ": "
                          + run.describe()
                          + " ("
                          + human(age(c.get("started"), now))
                          + FitStatus.describe(c.get("fit"))
                          + ")"));
    }
    int total = e.plan().size();
    long elapsed = now - e.sessionStart();
    int left = total - done - failed;
    String eta =
        trainedNow == 0 || left == 0
            ? ""
            : ", about " + human(elapsed * left / trainedNow) + " left";
    String line =
        String.format(
            Locale.ROOT,
            "%s: %d/%d runs done, %d running, %d failed%s",
            e.loaded().spec().name(),
            done,
            total,
            running.size(),
            failed,
            eta);
    String detail = running.isEmpty() ? "" : " | " + String.join(" | ", running);
    if (terminal) {
      String shown = line + detail;
      log.print("\r" + shown + " ".repeat(Math.max(0, last.length() - shown.length())));
      log.flush();
      last = shown;
    } else {
      // without a terminal, print only on change (not on every tick of the estimate)
      String key =
          line.replaceFirst(", about .*", "") + running.toString().replaceAll(" \\([^)]*\\)", "");
      if (!key.equals(last)) {
        log.println(line + detail);
        last = key;
      }
    }
  }

  private void finishedLine(int i, PlannedRun run, ResultStore.Done done) {
    StringBuilder sb = new StringBuilder(run.tag(i, e.plan().size())).append(':');
    for (Map<String, Object> row : done.rows()) {
      if (row.get("accuracy") instanceof Number a) {
        sb.append(
            String.format(Locale.ROOT, " %s %.2f%%", row.get("split"), a.doubleValue() * 100));
      }
    }
    if (!done.rows().isEmpty() && done.rows().get(0).get("seconds") instanceof Number s) {
      sb.append(String.format(Locale.ROOT, " (%.1f s)", s.doubleValue()));
    }
    if (terminal) {
      log.print("\r" + " ".repeat(last.length()) + "\r");
      last = "";
    }
    log.println(sb);
  }

  private static long age(Object isoTime, long now) {
    try {
      return now - Instant.parse(String.valueOf(isoTime)).toEpochMilli();
    } catch (RuntimeException ex) {
      return Long.MAX_VALUE;
    }
  }

  static String human(long millis) {
    Duration d = Duration.ofMillis(Math.max(0, millis));
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    return h > 0
        ? h + "h" + String.format("%02dm", m)
        : m > 0 ? m + "m" + String.format("%02ds", s) : s + "s";
  }
}
