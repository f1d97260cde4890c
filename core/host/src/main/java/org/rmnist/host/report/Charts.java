package org.rmnist.host.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.rmnist.host.util.Stats;

/**
 * The data of a report's charts, as the page's script draws them: accuracy against N (mean ± std as
 * error bars, every run as a dot, references as markers), learning curves and confusion matrices.
 * Each chart is a JSON object with an {@code id} (its canvas) and a {@code type}.
 */
final class Charts {
  private final List<Map<String, Object>> charts = new ArrayList<>();

  /** Every chart added so far. */
  List<Map<String, Object>> all() {
    return charts;
  }

  /** One series of an accuracy-against-N chart: a run (of an experiment) on one data set. */
  record Series(String label, String run, String dataset, List<Map<String, Object>> rows) {}

  /**
   * Adds an accuracy-against-N chart of {@code series} for {@code split}; the N axis holds the N of
   * every series, evenly spaced. Returns its canvas id.
   */
  String accuracy(
      String id, String split, List<Series> series, Map<String, Map<Integer, Double>> refs) {
    TreeSet<Integer> ns = new TreeSet<>(Charts::compareN);
    for (Series s : series) {
      s.rows().forEach(r -> ns.add(((Number) r.get("n")).intValue()));
    }
    List<Integer> axis = new ArrayList<>(ns);
    List<Map<String, Object>> out = new ArrayList<>();
    int k = 0;
    for (Series s : series) {
      double jitter = series.size() == 1 ? 0 : (k++ - (series.size() - 1) / 2.0) * 0.06;
      List<Map<String, Object>> means = new ArrayList<>();
      List<Map<String, Object>> dots = new ArrayList<>();
      for (int i = 0; i < axis.size(); i++) {
        int n = axis.get(i);
        List<Double> acc = new ArrayList<>();
        for (Map<String, Object> r : s.rows()) {
          if (((Number) r.get("n")).intValue() == n && split.equals(r.get("split"))) {
            double a = ((Number) r.get("accuracy")).doubleValue() * 100;
            acc.add(a);
            dots.add(
                point(
                    i + jitter,
                    a,
                    "draw " + r.get("draw_seed") + ", seed " + seedText(r.get("train_seed"))));
          }
        }
        if (!acc.isEmpty()) {
          Stats st = Stats.of(acc);
          Map<String, Object> p = point(i + jitter, st.mean(), st.format() + " over " + acc.size());
          p.put("yMin", st.mean() - st.std());
          p.put("yMax", st.mean() + st.std());
          means.add(p);
        }
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("label", s.label());
      one.put("means", means);
      one.put("dots", dots);
      List<Map<String, Object>> markers = new ArrayList<>();
      Map<Integer, Double> ref = refs.getOrDefault(s.run(), Map.of());
      if ("validation".equals(split)) {
        for (int i = 0; i < axis.size(); i++) {
          Double r = ref.get(axis.get(i));
          if (r != null) {
            markers.add(point(i + jitter, r, "reference"));
          }
        }
      }
      one.put("refs", markers);
      out.add(one);
    }
    Map<String, Object> chart = chart(id, "accuracy");
    chart.put("split", split);
    chart.put("ticks", axis.stream().map(n -> n == 0 ? "whole pool" : "N = " + n).toList());
    chart.put("series", out);
    charts.add(chart);
    return id;
  }

  /** Adds a learning-curve chart: per seed its training loss and validation accuracy (%). */
  String curve(String id, String title, Map<String, List<Map<String, Object>>> bySeed) {
    List<Map<String, Object>> seeds = new ArrayList<>();
    bySeed.forEach(
        (label, points) -> {
          List<Map<String, Object>> loss = new ArrayList<>();
          List<Map<String, Object>> acc = new ArrayList<>();
          int step = Math.max(1, points.size() / 600); // at most ~600 loss points per seed
          for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = points.get(i);
            Number epoch = (Number) p.get("epoch");
            if (p.get("trainLoss") instanceof Number l
                && (i % step == 0 || i == points.size() - 1)) {
              loss.add(xy(epoch.doubleValue(), l.doubleValue()));
            }
            if (p.get("validationAccuracy") instanceof Number a) {
              acc.add(xy(epoch.doubleValue(), a.doubleValue() * 100));
            }
          }
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("label", label);
          s.put("loss", loss);
          s.put("accuracy", acc);
          seeds.add(s);
        });
    Map<String, Object> chart = chart(id, "curve");
    chart.put("title", title);
    chart.put("seeds", seeds);
    charts.add(chart);
    return id;
  }

  /** Adds a confusion-matrix heat map: {@code matrix[true][predicted]}, summed over runs. */
  String confusion(String id, String title, int[][] matrix) {
    List<Map<String, Object>> cells = new ArrayList<>();
    int max = 0;
    for (int t = 0; t < matrix.length; t++) {
      for (int p = 0; p < matrix[t].length; p++) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("x", p);
        c.put("y", t);
        c.put("v", matrix[t][p]);
        cells.add(c);
        max = Math.max(max, matrix[t][p]);
      }
    }
    Map<String, Object> chart = chart(id, "confusion");
    chart.put("title", title);
    chart.put("classes", matrix.length);
    chart.put("max", max);
    chart.put("cells", cells);
    charts.add(chart);
    return id;
  }

  /** "whole pool" (N = 0) sorts after every N. */
  private static int compareN(Integer a, Integer b) {
    return Integer.compare(a == 0 ? Integer.MAX_VALUE : a, b == 0 ? Integer.MAX_VALUE : b);
  }

  private static String seedText(Object seed) {
    return seed == null ? "all" : seed.toString();
  }

  private static Map<String, Object> chart(String id, String type) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("type", type);
    return c;
  }

  private static Map<String, Object> point(double x, double y, String note) {
    Map<String, Object> p = xy(x, y);
    p.put("note", note);
    return p;
  }

  private static Map<String, Object> xy(double x, double y) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("x", x);
    p.put("y", y);
    return p;
  }
}
