package org.rmnist.host.util;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rmnist.api.Progress;

/** A progress bar on the terminal (stderr); silent when output is not a terminal. */
public final class ConsoleProgress implements Progress {
  private final PrintStream out;
  private ProgressBar bar;

  private ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  /** A bar when stderr is a terminal, else {@link Progress#NONE}. */
  public static Progress forTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"))
        ? new ConsoleProgress(System.err)
        : Progress.NONE;
  }

  @Override
  public synchronized void start(String task, long total) {
    done();
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total <= 0 ? -1 : total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(out))
            .setUpdateIntervalMillis(250)
            .continuousUpdate()
            .build();
  }

  @Override
  public synchronized void advance(long steps) {
    if (bar != null) {
      bar.stepBy(steps);
    }
  }

  @Override
  public synchronized void done() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
