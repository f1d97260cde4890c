package org.rmnist.host.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.host.util.Json;
import org.rmnist.support.AtomicFiles;

/**
 * A report of one or more experiments as one self-contained HTML page: tables rendered here, charts
 * drawn in the browser by Chart.js (with its matrix and error-bar plugins) from JSON in the page.
 * Every script is inlined from the host jar, so the page opens from disk with no network.
 */
public final class HtmlReport {
  /** The chart library and its plugins, in load order, with their licences (in the page too). */
  static final List<String> VENDOR =
      List.of(
          "chart.umd.min.js", "chartjs-chart-matrix.min.js", "chartjs-chart-error-bars.umd.min.js");

  private HtmlReport() {}

  /** Writes the report of {@code folders} to {@code out} (atomically). */
  public static void write(List<ResultsFolder> folders, Path out) throws IOException {
    AtomicFiles.writeString(out, render(folders));
  }

  /** The page. */
  public static String render(List<ResultsFolder> folders) throws IOException {
    Charts charts = new Charts();
    StringBuilder body = new StringBuilder();
    List<ExperimentSection> sections = new ArrayList<>();
    for (int i = 0; i < folders.size(); i++) {
      sections.add(new ExperimentSection(folders.get(i), charts, "e" + i));
    }
    if (folders.size() > 1) {
      body.append(comparison(folders, sections, charts));
    }
    for (ExperimentSection s : sections) {
      body.append(s.render());
    }
    String names = String.join(", ", folders.stream().map(ResultsFolder::name).toList());
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"generator\" content=\"rmnist report\">\n")
        .append("<title>rmnist report: ")
        .append(esc(names))
        .append("</title>\n<style>\n")
        .append(resource("report.css"))
        .append("</style>\n<script>\n")
        .append(resource("errors.js"))
        .append("</script>\n</head>\n<body>\n<header><h1>rmnist report: ")
        .append(esc(names))
        .append("</h1><p>Made ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(" from ")
        .append(esc(String.join(", ", folders.stream().map(f -> f.dir().toString()).toList())))
        .append(". Charts: hover for values; click a legend entry to hide a series.</p>")
        .append("</header>\n<main>\n")
        .append(body)
        .append("</main>\n");
    for (String v : VENDOR) {
      page.append("<script>\n").append(stripSourceMap(resource("vendor/" + v)));
      page.append("\n</script>\n");
    }
    page.append("<script type=\"application/json\" id=\"report-data\">")
        .append(Json.line(Map.of("charts", charts.all())).replace("</", "<\\/"))
        .append("</script>\n<script>\n")
        .append(resource("report.js"))
        .append("</script>\n<footer><details><summary>Licences of the chart libraries</summary>");
    for (String licence :
        List.of(
            "LICENSE-chart.js.md",
            "LICENSE-chartjs-chart-matrix.md",
            "LICENSE-chartjs-chart-error-bars.md")) {
      page.append("<pre>").append(esc(resource("vendor/" + licence))).append("</pre>");
    }
    page.append("</details></footer>\n</body>\n</html>\n");
    return page.toString();
  }

  /** The comparison of several experiments: every run's accuracy against N on one chart. */
  private static String comparison(
      List<ResultsFolder> folders, List<ExperimentSection> sections, Charts charts) {
    StringBuilder sb = new StringBuilder("<section id=\"comparison\"><h2>Comparison</h2>\n");
    sb.append("<div class=\"charts\">\n");
    Map<String, Map<Integer, Double>> refs = new LinkedHashMap<>();
    for (String split : List.of("validation", "test")) {
      List<Charts.Series> series = new ArrayList<>();
      for (int i = 0; i < folders.size(); i++) {
        if (sections.get(i).splits().contains(split)) {
          series.addAll(sections.get(i).series(folders.get(i).name() + ": "));
        }
      }
      if (!series.isEmpty()) {
        String id = charts.accuracy("compare-" + split, split, series, refs);
        sb.append("<figure><div class=\"chart wide\"><canvas id=\"")
            .append(id)
            .append("\"></canvas></div><figcaption>")
            .append(split)
            .append(" accuracy (%) of every run of ")
            .append(esc(String.join(", ", folders.stream().map(ResultsFolder::name).toList())))
            .append(": mean ± std, each run a dot</figcaption></figure>\n");
      }
    }
    return sb.append("</div></section>\n").toString();
  }

  /** HTML-escapes {@code s}. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A library's file without its source-map comment (the map is not shipped). */
  static String stripSourceMap(String js) {
    return js.replaceAll("(?m)^//# sourceMappingURL=.*$", "").replace("</script", "<\\/script");
  }

  static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the host jar lacks report resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
