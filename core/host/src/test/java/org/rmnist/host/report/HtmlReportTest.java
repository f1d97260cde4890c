package org.rmnist.host.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.ConfigException;
import org.rmnist.host.util.Json;

/** A report made from a results folder written by hand: what it shows, and what it survives. */
class HtmlReportTest {
  @TempDir Path tmp;

  /** A results folder: runs "zeta" then "alpha" (file order), N = 1 and 5, two seeds of zeta. */
  private Path folder(String name, String description) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir.resolve("runs"));
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("description", description);
    resolved.put(
        "runs",
        Map.of(
            "alpha", Map.of("reference", Map.of("1", 41.85)),
            "zeta", Map.of("label", "Zeta net"),
            "off", Map.of("enabled", false)));
    resolved.put("datasets", Map.of("nielsen", Map.of("n", List.of(1, 5))));
    Json.write(
        dir.resolve("provenance.json"),
        Map.of(
            "experiment",
            name,
            "file",
            "experiments/" + name + ".yaml",
            "git_commit",
            "abc123",
            "plugins",
            List.of(Map.of("id", "convnet", "version", "1.0", "sha256", "f00d")),
            "resolved",
            resolved));
    StringBuilder jsonl = new StringBuilder();
    double[][] zeta = {{0.50, 0.54}, {0.80, 0.81}};
    int[] ns = {1, 5};
    for (int i = 0; i < 2; i++) {
      for (int seed = 0; seed < 2; seed++) {
        String run = "zeta__n" + ns[i] + "-s" + seed;
        jsonl.append(row("zeta", ns[i], seed, zeta[i][seed], run)).append('\n');
        runDir(dir, run, seed == 0);
      }
      String run = "alpha__n" + ns[i];
      jsonl.append(row("alpha", ns[i], null, i == 0 ? 0.4185 : 0.6508, run)).append('\n');
      runDir(dir, run, false);
    }
    Files.writeString(dir.resolve("results.jsonl"), jsonl);
    return dir;
  }

  private static String row(String run, int n, Integer seed, double acc, String dir) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("run", run);
    r.put("dataset", "nielsen");
    r.put("n", n);
    r.put("draw_seed", 0);
    r.put("train_seed", seed);
    r.put("split", "validation");
    r.put("accuracy", acc);
    r.put("run_dir", "runs/" + dir);
    return Json.line(r);
  }

  private static void runDir(Path dir, String run, boolean curve) throws IOException {
    Path d = Files.createDirectories(dir.resolve("runs").resolve(run));
    Files.writeString(d.resolve("done.json"), "{}");
    StringBuilder csv = new StringBuilder("true\\predicted,0,1\n0,7,3\n1,1,9\n");
    Files.writeString(d.resolve("confusion-validation.csv"), csv);
    Map<String, Object> facts = new LinkedHashMap<>();
    if (curve) {
      facts.put(
          "curve",
          List.of(
              Map.of("epoch", 1, "lr", 0.1, "trainLoss", 2.0),
              Map.of("epoch", 2, "lr", 0.1, "trainLoss", 1.0, "validationAccuracy", 0.5)));
    }
    Json.write(d.resolve("metrics.json"), Map.of("facts", facts));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> charts(String html) throws IOException {
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>")
            .matcher(html);
    assertTrue(m.find(), "no chart data in the page");
    return (List<Map<String, Object>>)
        Json.MAPPER.readValue(m.group(1).replace("<\\/", "</"), Map.class).get("charts");
  }

  @Test
  void showsTheTableInTheExperimentsOrderWithReferencesAndEveryChart() throws IOException {
    String html = HtmlReport.render(List.of(ResultsFolder.read(folder("demo", "A demo."))));
    assertTrue(
        html.indexOf("<th>Zeta net</th>") < html.indexOf("<th>alpha</th>"),
        "columns in results.jsonl's order, with labels");
    assertFalse(html.contains("<th>off</th>"), "a disabled run is no column");
    assertTrue(html.contains("<span class=\"value\">52.00 ± 2.83</span>"), "zeta at N = 1");
    assertTrue(html.contains("<span class=\"value\">41.85</span> <span class=\"ref\">[41.85]"));
    List<Map<String, Object>> charts = charts(html);
    assertEquals(
        List.of("accuracy", "curve", "curve", "confusion", "confusion", "confusion", "confusion"),
        charts.stream().map(c -> c.get("type")).toList());
    for (Map<String, Object> c : charts) {
      assertTrue(html.contains("<canvas id=\"" + c.get("id") + "\">"), "canvas of " + c);
    }
    assertTrue(html.contains("Most confused: 0 → 1 (6), 1 → 0 (2)"), "summed over two seeds");
    assertTrue(html.contains("No run kept a sample of its mistakes"));
    assertTrue(html.contains("git commit</th><td>abc123"));
    assertTrue(html.contains("convnet 1.0 <code>sha256 f00d</code>"));
  }

  @Test
  void aHalfWrittenRunAMissingCurveAndTornFilesAreNotesNotFailures() throws IOException {
    Path dir = folder("demo", "");
    Files.createDirectories(dir.resolve("runs/killed__n1"));
    Json.write(
        dir.resolve("runs/zeta__n5-s0/metrics.json"),
        Map.of("facts", Map.of("curveFile", "/elsewhere/curve.csv")));
    Files.writeString(dir.resolve("runs/zeta__n1-s1/confusion-validation.csv"), "");
    Files.writeString(
        dir.resolve("runs/zeta__n1-s0/" + ResultsFolder.MISTAKES),
        "{\"wrong\": 3, \"total\": 10, \"images\": [{\"pixels\": \"%%%\", \"confidence\": 1},"
            + " {\"label\": 1}, {\"pixels\": \"AAAA\", \"label\": 1, \"predicted\": 7,"
            + " \"confidence\": 0.9}]}");
    Files.writeString(dir.resolve("runs/alpha__n1/" + ResultsFolder.MISTAKES), "{torn");
    String html = HtmlReport.render(List.of(ResultsFolder.read(dir)));
    assertTrue(html.contains("<span>1 → 7 90%</span>"), "the one well-formed mistake is shown");
    assertEquals(1, html.split("class=\"mistake\"").length - 1, "and only it");
    assertTrue(html.contains("1 runs have not finished"), html);
    assertTrue(html.contains("killed__n1"));
    assertTrue(html.contains("Curve data missing for: Zeta net · RMNIST/5 (draw 0, seed 0)"));
  }

  @Test
  void severalExperimentsShareOnePageWithAComparisonChart() throws IOException {
    String html =
        HtmlReport.render(
            List.of(ResultsFolder.read(folder("one", "")), ResultsFolder.read(folder("two", ""))));
    Map<String, Object> compare = charts(html).get(0);
    assertEquals("compare-validation", compare.get("id"));
    List<?> series = (List<?>) compare.get("series");
    assertEquals(4, series.size(), "two runs of two experiments");
    assertEquals("one: Zeta net", ((Map<?, ?>) series.get(0)).get("label"));
    assertEquals(List.of("N = 1", "N = 5"), compare.get("ticks"));
  }

  @Test
  void textFromTheFolderCannotBreakOutOfThePage() throws IOException {
    String evil = "</script><script>alert(1)</script>";
    String html = HtmlReport.render(List.of(ResultsFolder.read(folder("demo", evil))));
    assertFalse(html.contains(evil), "escaped");
    assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"));
  }

  @Test
  void aFolderWithoutFinishedRunsOrWithABadLineSaysWhere() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty/runs/half")).getParent().getParent();
    ConfigException e = assertThrows(ConfigException.class, () -> ResultsFolder.read(empty));
    assertEquals(
        empty
            + ": no finished runs yet (no results.jsonl; 1 runs unfinished); a report needs at "
            + "least one finished run",
        e.getMessage());
    Path dir = folder("demo", "");
    Files.writeString(dir.resolve("results.jsonl"), row("a", 1, 0, 0.5, "x") + "\n{oops\n");
    e = assertThrows(ConfigException.class, () -> ResultsFolder.read(dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("results.jsonl") + " line 2: not a JSON"));
    assertThrows(ConfigException.class, () -> ResultsFolder.read(tmp.resolve("gone")));
  }

  @Test
  void theChartLibrariesArePinnedByChecksumAndInlinedWithTheirLicences() throws Exception {
    String sums = HtmlReport.resource("vendor/SHA256SUMS");
    List<String> files = new ArrayList<>();
    for (String line : sums.strip().split("\n")) {
      String[] parts = line.split("\\s+");
      byte[] bytes;
      try (InputStream in = HtmlReport.class.getResourceAsStream("vendor/" + parts[1])) {
        bytes = in.readAllBytes();
      }
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertEquals(parts[0], actual, parts[1] + " differs from the pinned file");
      files.add(parts[1]);
    }
    assertEquals(HtmlReport.VENDOR.stream().sorted().toList(), files.stream().sorted().toList());
    String html = HtmlReport.render(List.of(ResultsFolder.read(folder("demo", ""))));
    assertFalse(html.contains("sourceMappingURL"), "no reference to files the page lacks");
    assertFalse(html.matches("(?s).*<script[^>]+src=.*"), "no external script");
    assertTrue(html.contains("Chart.js Contributors"), "Chart.js's licence is in the page");
    assertTrue(html.contains("Jukka Kurkela") && html.contains("Samuel Gratzl"));
    assertTrue(
        new String(
                HtmlReport.class.getResourceAsStream("vendor/chart.umd.min.js").readAllBytes(),
                StandardCharsets.UTF_8)
            .contains("Chart.js v4.6.1"),
        "the pinned version");
  }
}
