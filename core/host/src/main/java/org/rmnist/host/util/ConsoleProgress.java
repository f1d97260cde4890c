package org.rmnist.host.util;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;
import org.rmnist.api.Progress;
import org.rmnist.host.ConfigException;

/**
 * Live progress on stderr, drawn by {@code me.tongfei:progressbar}: one line for the current task
 * (an experiment's runs, a download) or, while a {@link #subtask} such as one run's fit has begun,
 * for that subtask, with its steps, the measures it reports (loss, validation accuracy), elapsed
 * time and ETA, followed by the enclosing task's steps done and its ETA, estimated from the times
 * of its subtasks that finished. On a terminal the line is redrawn in place and a finished
 * subtask's last line stays; in a log (not a terminal: CI, Slurm, workers' log files) a plain line
 * is printed at most once per {@link #LOG_INTERVAL} (or {@link #INTERVAL_ENV} seconds), and none in
 * a task's first interval.
 */
public final class ConsoleProgress implements Progress {
  /** The least time between two lines in a log, unless {@link #INTERVAL_ENV} says otherwise. */
  public static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

  /** The environment variable that sets the least seconds between two lines in a log. */
  public static final String INTERVAL_ENV = "RMNIST_PROGRESS_SECONDS";

  /** Characters of a line in a log: long enough never to be cut. */
  private static final int LOG_WIDTH = 1000;

  private final PrintStream out;
  private final ThrottledLines lines;
  private final int width;
  private final int refreshMillis;
  private final Object lock = new Object();
  private Task top;
  private Task sub;
  private ProgressBar bar;
  private Task drawn;
  private TerminalLine terminalLine;
  private long subtaskSince = -1;
  private long finishedNanos;
  private int finished;

  /** A task: its name, what its steps are, how many, and the measures reported for it. */
  private static final class Task {
    final String name;
    final String unit;
    final long total;
    final long startNanos = System.nanoTime();
    final Map<String, Double> measures = new LinkedHashMap<>();
    long current;

    Task(String name, String unit, long total) {
      this.name = name;
      this.unit = unit;
      this.total = total;
    }
  }

  /**
   * @param lines where a log's lines go, throttled; null on a terminal
   * @param width characters of a terminal's line (0: the terminal's width); unused for a log
   * @param refreshMillis how often the line is drawn (offered to {@code lines} in a log)
   */
  ConsoleProgress(PrintStream out, ThrottledLines lines, int width, int refreshMillis) {
    this.out = out;
    this.lines = lines;
    this.width = width;
    this.refreshMillis = refreshMillis;
  }

  /**
   * Progress on stderr: redrawn in place when this process has a terminal (and TERM is not {@code
   * dumb}), else {@link #forLog} lines.
   */
  public static ConsoleProgress forTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"))
        ? new ConsoleProgress(System.err, null, 0, 200)
        : forLog(System.err);
  }

  /**
   * Progress as plain lines on {@code out}, at most one per {@link #LOG_INTERVAL} or per the
   * seconds {@link #INTERVAL_ENV} gives.
   */
  public static ConsoleProgress forLog(PrintStream out) {
    Duration interval = logInterval(System.getenv(INTERVAL_ENV));
    return new ConsoleProgress(out, new ThrottledLines(out, interval, System::nanoTime), 0, 1000);
  }

  /** The interval {@code seconds} (the environment variable's value, or null) asks for. */
  static Duration logInterval(String seconds) {
    if (seconds == null || seconds.isBlank()) {
      return LOG_INTERVAL;
    }
    try {
      long s = Long.parseLong(seconds.trim());
      if (s >= 1 && s <= 86_400) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // explained below
    }
    throw new ConfigException(
        INTERVAL_ENV
            + "="
            + seconds
            + ": expected whole seconds between progress lines in a log, 1..86400 (default "
            + LOG_INTERVAL.toSeconds()
            + ")");
  }

  @Override
  public void start(String task, long total) {
    Closing closing;
    synchronized (lock) {
      closing = detach(false);
      top = new Task(task, "", total);
      sub = null;
      subtaskSince = -1;
      finished = 0;
      finishedNanos = 0;
      open(top);
    }
    close(closing);
  }

  @Override
  public void advance(long steps) {
    synchronized (lock) {
      if (top == null) {
        return;
      }
      top.current += steps;
      if (subtaskSince >= 0) {
        finished++;
        finishedNanos += System.nanoTime() - subtaskSince;
        subtaskSince = -1;
      }
      if (bar == null) {
        open(top); // again, after a subtask
      } else if (drawn == top) {
        bar.stepBy(steps);
      }
    }
  }

  @Override
  public void report(String measure, double value) {
    synchronized (lock) {
      if (top != null) {
        top.measures.put(measure, value);
      }
    }
  }

  @Override
  public void done() {
    Closing closing;
    synchronized (lock) {
      closing = detach(true);
      top = null;
      sub = null;
      subtaskSince = -1;
    }
    close(closing);
  }

  /**
   * A part of the current task, e.g. one run of an experiment: the task's line is put away until
   * its next {@link #advance}; what the part starts is drawn instead, followed by the task's state.
   */
  @Override
  public Progress subtask(String name) {
    Closing closing;
    synchronized (lock) {
      closing = detach(false);
      subtaskSince = System.nanoTime();
    }
    close(closing);
    return new Part(name);
  }

  /** The progress a subtask reports to. */
  private final class Part implements Progress {
    private final String name;
    private Task mine;

    Part(String name) {
      this.name = name;
    }

    @Override
    public void start(String task, long total) {
      Closing closing;
      synchronized (lock) {
        closing = detach(false);
        mine = new Task(name, task, total);
        sub = mine;
        open(mine);
      }
      close(closing);
    }

    @Override
    public void advance(long steps) {
      synchronized (lock) {
        if (mine != null) {
          mine.current += steps;
          if (bar != null && drawn == mine) {
            bar.stepBy(steps);
          }
        }
      }
    }

    @Override
    public void report(String measure, double value) {
      synchronized (lock) {
        if (mine != null) {
          mine.measures.put(measure, value);
        }
      }
    }

    @Override
    public void done() {
      Closing closing = null;
      synchronized (lock) {
        if (mine != null && sub == mine) {
          closing = detach(true);
          sub = null;
        }
        mine = null;
      }
      close(closing);
    }
  }

  /** Draws {@code task} from now on (under the lock). */
  private void open(Task task) {
    terminalLine = lines == null ? new TerminalLine(out, width) : null;
    drawn = task;
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task.name)
            .setInitialMax(task.total > 0 ? task.total : -1)
            .setRenderer((state, max) -> render(task, state, max))
            .setConsumer(
                terminalLine != null
                    ? terminalLine
                    : new DelegatingProgressBarConsumer(lines, LOG_WIDTH))
            .setUpdateIntervalMillis(refreshMillis)
            .continuousUpdate();
    if (task.current > 0) {
      b.startsFrom(task.current, Duration.ofNanos(System.nanoTime() - task.startNanos));
    }
    if (lines != null) {
      lines.hold();
    }
    bar = b.build();
  }

  /** A bar to close, and its terminal line (null in a log). */
  private record Closing(ProgressBar bar, TerminalLine line) {}

  /** Stops drawing (under the lock); what it returns is closed outside the lock. */
  private Closing detach(boolean keep) {
    Closing c = bar == null ? null : new Closing(bar, terminalLine);
    if (c != null && c.line() != null) {
      c.line().keep = keep;
    }
    bar = null;
    drawn = null;
    return c;
  }

  /**
   * Closes a bar: its last drawing runs on the library's thread, which takes the lock. The line is
   * closed here too: the library leaves it open when the bar closes before its first drawing.
   */
  private static void close(Closing c) {
    if (c != null) {
      c.bar().close();
      if (c.line() != null) {
        c.line().close();
      }
    }
  }

  private String render(Task task, ProgressState state, int max) {
    long now = System.nanoTime();
    Map<String, Double> measures;
    Duration runsEta;
    String context = null;
    synchronized (lock) {
      measures = new LinkedHashMap<>(task.measures);
      runsEta = runsEta(now);
      if (top != null && task != top) {
        context =
            top.name
                + ": "
                + top.current
                + (top.total > 0 ? "/" + top.total : "")
                + " done, ETA "
                + (runsEta == null ? "?" : ProgressLine.duration(runsEta));
      }
    }
    Duration eta = task == top && runsEta != null ? runsEta : linearEta(state);
    return new ProgressLine(
            task.name,
            task.unit,
            state.getCurrent(),
            task.total,
            measures,
            state.getTotalElapsed(),
            eta,
            context)
        .text(max);
  }

  /** The enclosing task's time left: its subtasks' mean time for each step left (lock held). */
  private Duration runsEta(long now) {
    if (top == null || finished == 0 || top.total <= 0) {
      return null;
    }
    long left = Math.max(0, top.total - top.current);
    long running = subtaskSince >= 0 ? now - subtaskSince : 0;
    return Duration.ofNanos(Math.max(0, finishedNanos / finished * left - running));
  }

  private static Duration linearEta(ProgressState s) {
    long done = s.getCurrent() - s.getStart();
    if (s.getMax() <= 0 || s.isIndefinite()) {
      return null;
    }
    if (s.getCurrent() >= s.getMax()) {
      return Duration.ZERO;
    }
    if (done <= 0) {
      return null;
    }
    return s.getElapsedAfterStart().dividedBy(done).multipliedBy(s.getMax() - s.getCurrent());
  }
}
