package org.rmnist.host.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** This process's peak resident memory (Linux's VmHWM), for workers' closing lines. */
final class PeakMemory {
  private PeakMemory() {}

  /** The peak in bytes, or -1 where the system does not tell. */
  static long bytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  /** The peak as "1.23 GiB", or "unknown". */
  static String describe() {
    long b = bytes();
    return b < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
  }
}
