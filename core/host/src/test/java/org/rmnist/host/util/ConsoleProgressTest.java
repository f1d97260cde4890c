package org.rmnist.host.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Progress;
import org.rmnist.host.ConfigException;

class ConsoleProgressTest {
  /** An experiment of two runs, each a fit of {@code epochs} epochs of {@code millis} each. */
  private static void experiment(Progress progress, int epochs, long millis)
      throws InterruptedException {
    progress.start("demo", 2);
    for (int run = 1; run <= 2; run++) {
      Progress fit = progress.subtask("[" + run + "/2] convnet n=1");
      fit.start("epochs", epochs);
      for (int e = 1; e <= epochs; e++) {
        Thread.sleep(millis);
        fit.report(Progress.LOSS, 1.0 / e);
        if (e % 10 == 0) {
          fit.report(Progress.VALIDATION_ACCURACY, 0.5 + e / (4.0 * epochs));
        }
        fit.advance(1);
      }
      fit.done();
      progress.advance(1);
    }
    progress.done();
  }

  /** Lines written to a log, each with the time its end was written. */
  private static final class TimedLines extends OutputStream {
    final List<String> lines = new ArrayList<>();
    final List<Long> nanos = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        nanos.add(System.nanoTime());
        lines.add(current.toString());
        current.setLength(0);
      } else {
        current.append((char) b);
      }
    }
  }

  @Test
  void aLogGetsPlainLinesNoCloserThanTheIntervalWithEpochLossEtaAndTheExperiment()
      throws InterruptedException {
    TimedLines log = new TimedLines();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    Duration interval = Duration.ofMillis(300);
    experiment(
        new ConsoleProgress(out, new ThrottledLines(out, interval, System::nanoTime), 0, 5),
        100,
        8);
    assertTrue(log.lines.size() >= 3, "1.6 s of fits, a line per 0.3 s at most: " + log.lines);
    for (int i = 1; i < log.nanos.size(); i++) {
      long gap = log.nanos.get(i) - log.nanos.get(i - 1);
      assertTrue(gap >= interval.toNanos() - 5_000_000, "lines " + gap / 1e6 + " ms apart");
    }
    for (String line : log.lines) {
      assertTrue(!line.contains("\r"), line);
      assertTrue(
          line.matches(
              "\\[[12]/2] convnet n=1: epochs \\d+/100 \\[[# ]{12}] \\d+% \\| elapsed 0:0\\d, ETA 0:0\\d \\| loss .*"
                  + " \\| demo: [01]/2 done, ETA .*"),
          line);
    }
    String last = log.lines.get(log.lines.size() - 1);
    assertTrue(last.startsWith("[2/2]") && last.contains("val_accuracy"), last);
    assertTrue(last.matches(".* demo: 1/2 done, ETA 0:0\\d"), "from the first run's time: " + last);
  }

  @Test
  void aTerminalLineClosedAtOnceStillEndsWithANewline() {
    for (int i = 0; i < 20; i++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ConsoleProgress p =
          new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), null, 80, 50);
      p.start("demo", 1);
      p.advance(1);
      p.done();
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, text);
      assertTrue(text.contains("\rdemo: 1/1 [############] 100%"), text);
    }
  }

  @Test
  void theLogIntervalIsThirtySecondsUnlessTheEnvironmentSaysOtherwise() {
    assertEquals(Duration.ofSeconds(30), ConsoleProgress.logInterval(null));
    assertEquals(Duration.ofSeconds(300), ConsoleProgress.logInterval(" 300"));
    for (String bad : List.of("0", "-5", "1.5", "soon")) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> ConsoleProgress.logInterval(bad));
      assertEquals(
          "RMNIST_PROGRESS_SECONDS="
              + bad
              + ": expected whole seconds between progress lines in a log, 1..86400 (default 30)",
          e.getMessage());
    }
  }

  @Test
  void aTerminalRedrawsTheLineInPlaceAndKeepsEachFitsLastLine() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    experiment(new ConsoleProgress(out, null, 120, 20), 30, 10);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> kept = List.of(text.split("\n"));
    assertEquals(3, kept.size(), "one line stays per fit, and the experiment's last: " + text);
    String[] experiment = kept.get(2).split("\r");
    // about 0.6 s of work: elapsed reads 0:00, or 0:01 on a loaded machine
    assertTrue(
        experiment[experiment.length - 1]
            .stripTrailing()
            .matches("demo: 2/2 \\[############\\] 100% \\| elapsed 0:0[01], ETA 0:00"),
        experiment[experiment.length - 1]);
    for (int run = 1; run <= 2; run++) {
      String line = kept.get(run - 1);
      String[] draws = line.split("\r");
      String name = "[" + run + "/2] convnet";
      long redraws = Arrays.stream(draws).filter(d -> d.startsWith(name)).count();
      assertTrue(redraws >= 5, "0.3 s drawn every 20 ms: " + redraws + " in " + line);
      String end = draws[draws.length - 1].stripTrailing();
      assertTrue(
          end.matches(".*epochs 30/30 \\[#{12}\\] 100% \\| elapsed 0:0[01], ETA 0:00.*"), end);
      assertTrue(end.contains("| loss 0.03333 | val_accuracy 75.00%"), end);
      Arrays.stream(draws).forEach(d -> assertTrue(d.length() <= 120, d.length() + ": " + d));
      assertTrue(
          Arrays.stream(draws).anyMatch(d -> d.matches(".*epochs \\d+/30 .*, ETA 0:0\\d.*")),
          "an ETA while it runs: " + line);
    }
  }
}
