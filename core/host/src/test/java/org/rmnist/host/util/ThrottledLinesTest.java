package org.rmnist.host.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledLinesTest {
  private long now;

  private List<String> offer(ThrottledLines lines, ByteArrayOutputStream out, long... seconds) {
    for (long s : seconds) {
      now = Duration.ofSeconds(s).toNanos();
      lines.accept("at " + s);
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void noLineComesSoonerThanTheIntervalAfterTheLastOneOrAfterAHold() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ThrottledLines lines =
        new ThrottledLines(new PrintStream(out, true), Duration.ofSeconds(30), () -> now);
    assertEquals(
        List.of("at 30", "at 60", "at 90"),
        offer(lines, out, 0, 1, 29, 30, 31, 59, 60, 61, 90, 91));
    now = Duration.ofSeconds(100).toNanos();
    lines.hold();
    assertEquals(
        List.of("at 30", "at 60", "at 90", "at 130"), offer(lines, out, 121, 125, 129, 130, 131));
  }
}
