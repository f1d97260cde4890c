package org.rmnist.host.report;

import static org.rmnist.host.report.HtmlReport.esc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.host.util.Stats;

/**
 * One experiment's part of a report: the summary table per split, accuracy against N, learning
 * curves, confusion matrices with the most confused pairs, a gallery of mistakes, the training
 * images with their distortions, and provenance. A section whose files are missing says so.
 */
final class ExperimentSection {
  /** The most mistakes shown per run and N. */
  static final int GALLERY = 24;

  private final ResultsFolder folder;
  private final Layout layout;
  private final Charts charts;
  private final String prefix;
  private final StringBuilder html = new StringBuilder();

  ExperimentSection(ResultsFolder folder, Charts charts, String prefix) {
    this.folder = folder;
    this.layout = Layout.of(folder);
    this.charts = charts;
    this.prefix = prefix;
  }

  Layout layout() {
    return layout;
  }

  /** The splits with results, validation first. */
  List<String> splits() {
    List<String> splits = new ArrayList<>();
    for (String s : List.of("validation", "test")) {
      if (folder.rows().stream().anyMatch(r -> s.equals(r.get("split")))) {
        splits.add(s);
      }
    }
    return splits;
  }

  String render() throws IOException {
    String name = folder.name();
    html.append("<section class=\"experiment\" id=\"")
        .append(esc(prefix))
        .append("\">\n<h2>")
        .append(esc(name))
        .append("</h2>\n");
    Object description = folder.resolved().get("description");
    if (description != null && !description.toString().isBlank()) {
      html.append("<p class=\"description\">").append(esc(description.toString().strip()));
      html.append("</p>\n");
    }
    if (!folder.unfinished().isEmpty()) {
      html.append("<p class=\"note\">")
          .append(folder.unfinished().size())
          .append(" runs have not finished (running, stopped or failed) and are not shown: ")
          .append(esc(String.join(", ", folder.unfinished())))
          .append("</p>\n");
    }
    tables();
    accuracy();
    curves();
    confusions();
    mistakes();
    previews();
    html.append(ProvenanceTable.html(folder));
    html.append("</section>\n");
    return html.toString();
  }

  private void tables() {
    html.append("<h3>Summary</h3>\n");
    for (String split : splits()) {
      html.append("<table class=\"summary\" data-split=\"").append(split).append("\">\n");
      html.append("<caption>")
          .append(split)
          .append(" accuracy (%), mean ± std over draws × training seeds where there are several")
          .append(split.equals("validation") ? "; [reference]" : "")
          .append("</caption>\n<tr><th>data set</th>");
      layout.columns().forEach(c -> html.append("<th>").append(esc(c.label())).append("</th>"));
      html.append("</tr>\n");
      for (Layout.Row row : layout.rows()) {
        html.append("<tr><th>").append(esc(row.label())).append("</th>");
        for (Layout.Column c : layout.columns()) {
          List<Double> acc = new ArrayList<>();
          Layout.select(folder.rows(), c.run(), row, split)
              .forEach(r -> acc.add(((Number) r.get("accuracy")).doubleValue() * 100));
          Stats st = Stats.of(acc);
          html.append("<td data-run=\"")
              .append(esc(c.run()))
              .append("\" data-dataset=\"")
              .append(esc(row.dataset()))
              .append("\" data-n=\"")
              .append(row.n())
              .append("\" data-count=\"")
              .append(acc.size())
              .append("\"><span class=\"value\">")
              .append(st.format())
              .append("</span>");
          Double ref = c.reference().get(row.n());
          if (ref != null && split.equals("validation")) {
            html.append(" <span class=\"ref\">[").append(String.format("%.2f", ref));
            html.append("]</span>");
          }
          html.append("</td>");
        }
        html.append("</tr>\n");
      }
      html.append("</table>\n");
    }
  }

  /** The chart series of this experiment: a run per data set (named when there are several). */
  List<Charts.Series> series(String labelPrefix) {
    long sets = layout.rows().stream().map(Layout.Row::dataset).distinct().count();
    List<Charts.Series> out = new ArrayList<>();
    for (Layout.Column c : layout.columns()) {
      for (String ds : layout.rows().stream().map(Layout.Row::dataset).distinct().toList()) {
        List<Map<String, Object>> rows =
            folder.rows().stream()
                .filter(r -> c.run().equals(r.get("run")) && ds.equals(r.get("dataset")))
                .toList();
        if (!rows.isEmpty()) {
          String label = labelPrefix + c.label() + (sets > 1 ? " (" + ds + ")" : "");
          out.add(new Charts.Series(label, c.run(), ds, rows));
        }
      }
    }
    return out;
  }

  private void accuracy() {
    html.append("<h3>Accuracy against N</h3>\n<div class=\"charts\">\n");
    Map<String, Map<Integer, Double>> refs = new LinkedHashMap<>();
    layout.columns().forEach(c -> refs.put(c.run(), c.reference()));
    for (String split : splits()) {
      String id = charts.accuracy(prefix + "-acc-" + split, split, series(""), refs);
      figure(id, split + " accuracy (%): mean ± std, each run a dot, references as crosses", "");
    }
    html.append("</div>\n");
  }

  private void curves() throws IOException {
    html.append("<h3>Learning curves</h3>\n");
    StringBuilder figures = new StringBuilder();
    List<String> missing = new ArrayList<>();
    int shown = 0;
    for (Group g : groups()) {
      Map<String, List<Map<String, Object>>> bySeed = new LinkedHashMap<>();
      for (Map<String, Object> r : g.rows()) {
        String dir = r.get("run_dir").toString();
        ResultsFolder.Curve c = folder.curve(dir);
        if (c.missing()) {
          missing.add(g.title() + " (" + seedLabel(r) + ")");
        } else if (!c.points().isEmpty()) {
          bySeed.put(seedLabel(r), c.points());
        }
      }
      if (!bySeed.isEmpty()) {
        String id = charts.curve(prefix + "-curve-" + shown++, g.title(), bySeed);
        figures.append(figureHtml(id, g.title() + ": training loss and validation accuracy"));
      }
    }
    if (shown == 0) {
      html.append("<p class=\"note\">No run of this experiment recorded a learning curve (a model ")
          .append("records one when asked to evaluate during training, e.g. the convnet's ")
          .append("<code>training.evalEvery</code>).</p>\n");
    } else {
      html.append("<div class=\"charts\">\n").append(figures).append("</div>\n");
    }
    if (!missing.isEmpty()) {
      html.append("<p class=\"note\">Curve data missing for: ")
          .append(esc(String.join(", ", missing)))
          .append("</p>\n");
    }
  }

  private void confusions() throws IOException {
    html.append("<h3>Confusion matrices (validation)</h3>\n<div class=\"charts small\">\n");
    int k = 0;
    int shown = 0;
    for (Group g : groups()) {
      int[][] sum = confusion(g);
      if (sum == null) {
        continue;
      }
      String id = charts.confusion(prefix + "-conf-" + k++, g.title(), sum);
      html.append(
          figureHtml(
              id,
              esc(g.title())
                  + " (summed over "
                  + g.rows().size()
                  + " runs); rows: true digit, columns: predicted. Most confused: "
                  + esc(pairs(sum))));
      shown++;
    }
    html.append("</div>\n");
    if (shown == 0) {
      html.append("<p class=\"note\">No run kept a validation confusion matrix.</p>\n");
    }
  }

  private void mistakes() throws IOException {
    html.append("<h3>Mistakes (validation)</h3>\n");
    int shown = 0;
    for (Group g : groups()) {
      for (Map<String, Object> r : g.rows()) {
        var m = folder.mistakes(r.get("run_dir").toString());
        if (m.isPresent()) {
          html.append(Gallery.html(g.title() + ", " + seedLabel(r), m.get(), GALLERY));
          shown++;
          break;
        }
      }
    }
    if (shown == 0) {
      html.append("<p class=\"note\">No run kept a sample of its mistakes (")
          .append(ResultsFolder.MISTAKES)
          .append("; written when the experiment finishes).</p>\n");
    }
  }

  private void previews() throws IOException {
    html.append("<h3>Training images and their distortions</h3>\n");
    Map<String, List<String>> byPicture = new LinkedHashMap<>();
    for (Group g : groups()) {
      for (Map<String, Object> r : g.rows()) {
        var png = folder.preview(r.get("run_dir").toString());
        if (png.isPresent()) {
          byPicture
              .computeIfAbsent(
                  Base64.getEncoder().encodeToString(png.get()), k -> new ArrayList<>())
              .add(g.title());
          break;
        }
      }
    }
    if (byPicture.isEmpty()) {
      html.append("<p class=\"note\">No run kept a preview (")
          .append(ResultsFolder.PREVIEW)
          .append("; written when the experiment finishes).</p>\n");
      return;
    }
    html.append("<p>One image per digit (left, as drawn) and what training made of it.</p>\n");
    html.append("<div class=\"previews\">\n");
    byPicture.forEach(
        (png, titles) ->
            html.append(
                    "<figure><img class=\"preview\" alt=\"preview\" src=\"data:image/png;base64,")
                .append(png)
                .append("\"><figcaption>")
                .append(esc(String.join("; ", titles)))
                .append("</figcaption></figure>\n"));
    html.append("</div>\n");
  }

  /** A run at one row of the table: its finished runs (validation rows). */
  record Group(Layout.Column column, Layout.Row row, List<Map<String, Object>> rows) {
    String title() {
      return column.label() + " · " + row.label();
    }
  }

  private List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    for (Layout.Column c : layout.columns()) {
      for (Layout.Row row : layout.rows()) {
        var rows = Layout.select(folder.rows(), c.run(), row, "validation");
        if (!rows.isEmpty()) {
          groups.add(new Group(c, row, rows));
        }
      }
    }
    return groups;
  }

  private int[][] confusion(Group g) throws IOException {
    int[][] sum = null;
    for (Map<String, Object> r : g.rows()) {
      var m = folder.confusion(r.get("run_dir").toString(), "validation");
      if (m.isEmpty()) {
        continue;
      }
      if (sum == null) {
        sum = new int[m.get().length][m.get().length];
      }
      for (int t = 0; t < sum.length && t < m.get().length; t++) {
        for (int p = 0; p < sum.length && p < m.get()[t].length; p++) {
          sum[t][p] += m.get()[t][p];
        }
      }
    }
    return sum;
  }

  /** The five largest off-diagonal cells, "4 → 9 (238)". */
  static String pairs(int[][] m) {
    List<int[]> cells = new ArrayList<>();
    for (int t = 0; t < m.length; t++) {
      for (int p = 0; p < m[t].length; p++) {
        if (t != p && m[t][p] > 0) {
          cells.add(new int[] {t, p, m[t][p]});
        }
      }
    }
    cells.sort((a, b) -> b[2] != a[2] ? Integer.compare(b[2], a[2]) : 0);
    List<String> top = new ArrayList<>();
    for (int[] c : cells.subList(0, Math.min(5, cells.size()))) {
      top.add(c[0] + " → " + c[1] + " (" + c[2] + ")");
    }
    return top.isEmpty() ? "none" : String.join(", ", top);
  }

  private static String seedLabel(Map<String, Object> r) {
    Object seed = r.get("train_seed");
    return "draw " + r.get("draw_seed") + ", seed " + (seed == null ? "all" : seed);
  }

  private void figure(String id, String caption, String extra) {
    html.append(figureHtml(id, esc(caption) + extra));
  }

  private static String figureHtml(String id, String captionHtml) {
    return "<figure><div class=\"chart\"><canvas id=\""
        + esc(id)
        + "\"></canvas></div><figcaption>"
        + captionHtml
        + "</figcaption></figure>\n";
  }
}
