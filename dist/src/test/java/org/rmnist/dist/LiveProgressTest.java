package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit of 3,000 epochs through the real {@code bin/rmnist}: under a pseudo-terminal (util-linux
 * {@code script}) its bar moves in place with an ETA; with output to a pipe, as in a log file, it
 * prints plain lines no closer than the interval ({@code RMNIST_PROGRESS_SECONDS}, 30 s unless set;
 * 1 s here, to keep the test short).
 */
class LiveProgressTest {
  @TempDir Path tmp;

  /** A convnet small enough for 3,000 epochs of RMNIST/1 in a few seconds. */
  private static final String EXPERIMENT =
      """
      name: progress
      datasets:
        rmnist: {id: rmnist, params: {protocol: nielsen2017, pixelScale: 256}, n: [1]}
      runs:
        tiny:
          id: convnet
          params:
            channels: [2]
            dropout2d: [0]
            dense: []
            training: {epochs: 3000, evalEvery: 1000}
      splits: [validation]
      """;

  /** One drawing of the fit's bar; group 1: the epochs done. */
  private static final Pattern BAR =
      Pattern.compile(
          "\\[1/1] tiny.*: epochs (\\d+)/3000 \\[[# ]{12}] +\\d+% \\| elapsed \\d+:\\d\\d,"
              + " ETA (\\d+:\\d\\d|\\?)");

  private List<String> command() throws Exception {
    Path f = tmp.resolve("progress.yaml");
    Files.writeString(f, EXPERIMENT);
    return List.of(
        Cli.ROOT.resolve("bin/rmnist").toString(),
        "run",
        f.toString(),
        "--results-dir",
        tmp.resolve("results").toString());
  }

  @Test
  void onATerminalTheBarMovesInPlaceWithAnEta() throws Exception {
    Path data = Cli.mnist();
    if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
      String msg = "util-linux script (a pseudo-terminal) is not installed";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    // a terminal of 160 columns (one without a size reads as 80)
    String line = "stty cols 160; " + String.join(" ", command());
    Cli.Result r =
        Cli.exec(
            Cli.ROOT,
            Map.of("RMNIST_DATA", data.toString(), "TERM", "xterm"),
            120,
            List.of("/usr/bin/script", "-qfec", line, "/dev/null"));
    assertEquals(0, r.exit(), r.out());
    TreeSet<Integer> epochs = new TreeSet<>();
    List<String> etas = new ArrayList<>();
    for (String drawing : r.out().split("[\r\n]")) {
      Matcher m = BAR.matcher(drawing);
      if (m.find()) {
        epochs.add(Integer.parseInt(m.group(1)));
        etas.add(m.group(2));
      }
    }
    assertTrue(epochs.size() >= 3, "the bar moves: epochs shown " + epochs + " in " + r.out());
    assertTrue(r.out().contains("\r"), "redrawn in place");
    assertEquals(3000, epochs.last(), r.out());
    assertTrue(etas.stream().anyMatch(e -> !e.equals("?")), "an ETA: " + etas);
    assertTrue(r.out().contains("val_accuracy "), "the last validation accuracy: " + r.out());
    assertTrue(r.out().contains("1 runs: 1 ran"), r.out());
  }

  @Test
  void inALogAPlainLineComesAtMostOncePerInterval() throws Exception {
    Path data = Cli.mnist();
    ProcessBuilder pb = new ProcessBuilder(command()).directory(Cli.ROOT.toFile());
    pb.redirectErrorStream(true);
    pb.environment().put("RMNIST_DATA", data.toString());
    pb.environment().put("RMNIST_PROGRESS_SECONDS", "1");
    String dist = System.getProperty("rmnist.dist");
    if (dist != null && !dist.isBlank()) {
      pb.environment().put("RMNIST_DIST", dist);
    }
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    List<Long> seen = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        all.append(l).append('\n');
        if (BAR.matcher(l).find()) {
          lines.add(l);
          seen.add(System.nanoTime());
        }
      }
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), all.toString());
    assertEquals(0, p.exitValue(), all.toString());
    assertFalse(all.toString().contains("\r"), "no redrawing in a log: " + all);
    assertTrue(lines.size() >= 1, "a fit of a few seconds, a line per second: " + all);
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = BAR.matcher(lines.get(i));
      assertTrue(m.find() && m.group(2).matches("\\d+:\\d\\d"), "with an ETA: " + lines.get(i));
      int epoch = Integer.parseInt(m.group(1));
      assertTrue(epoch > last, "epochs go forward: " + lines);
      last = epoch;
      if (i > 0) {
        long gap = seen.get(i) - seen.get(i - 1);
        assertTrue(gap > 900_000_000L, "lines " + gap / 1e6 + " ms apart: " + all);
      }
    }
  }
}
