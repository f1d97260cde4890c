package org.rmnist.host.util;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/**
 * A terminal's line: redrawn in place; kept (ended) or wiped when closed. The library may close it
 * twice (a scheduled drawing that sees the bar closed, then the closing one): the second close, and
 * any drawing after the first, do nothing.
 */
final class TerminalLine extends ConsoleProgressBarConsumer {
  private final PrintStream out;
  volatile boolean keep;
  private int shown;
  private boolean closed;

  TerminalLine(PrintStream out, int width) {
    super(out, width);
    this.out = out;
  }

  @Override
  public synchronized void accept(String text) {
    if (!closed) {
      out.print('\r' + text + " ".repeat(Math.max(0, shown - text.length())));
      out.flush();
      shown = text.length();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      out.print(keep ? "\n" : '\r' + " ".repeat(shown) + '\r');
      out.flush();
    }
  }
}
