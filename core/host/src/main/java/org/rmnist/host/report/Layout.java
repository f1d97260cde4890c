package org.rmnist.host.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How an experiment's results are laid out, from the experiment as it was resolved when it ran
 * (else from the rows alone): the columns (runs, with their labels and references by N) and the
 * table rows (data set and N), in the experiment file's order.
 */
public record Layout(List<Column> columns, List<Row> rows) {

  /** A run of the experiment; {@code reference} maps N to a published accuracy in %. */
  public record Column(String run, String label, Map<Integer, Double> reference) {}

  /** A table row: data set {@code dataset} at N = {@code n}, shown as {@code label}. */
  public record Row(String dataset, int n, String label) {}

  /** The layout of {@code folder}. */
  static Layout of(ResultsFolder folder) {
    Map<String, Object> resolved = folder.resolved();
    List<Column> columns = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    if (resolved.get("runs") instanceof Map<?, ?> runs) {
      runs.forEach(
          (name, spec) -> {
            if (spec instanceof Map<?, ?> m && !Boolean.FALSE.equals(m.get("enabled"))) {
              Object label = m.get("label");
              columns.add(
                  new Column(
                      name.toString(),
                      label != null ? label.toString() : name.toString(),
                      references(m.get("reference"))));
            }
          });
    }
    if (resolved.get("datasets") instanceof Map<?, ?> sets) {
      long enabled =
          sets.values().stream()
              .filter(v -> v instanceof Map<?, ?> m && !Boolean.FALSE.equals(m.get("enabled")))
              .count();
      sets.forEach(
          (name, spec) -> {
            if (spec instanceof Map<?, ?> m && !Boolean.FALSE.equals(m.get("enabled"))) {
              Object label = m.get("label");
              int draws = m.get("drawSeeds") instanceof List<?> l ? l.size() : 1;
              if (m.get("n") instanceof List<?> ns) {
                for (Object n : ns) {
                  int k = ((Number) n).intValue();
                  rows.add(
                      new Row(
                          name.toString(),
                          k,
                          rowLabel(
                              name.toString(),
                              label != null ? label.toString() : null,
                              k,
                              draws,
                              enabled)));
                }
              }
            }
          });
    }
    addMissing(folder.rows(), columns, rows);
    // provenance.json sorts its keys; results.jsonl lists runs in the experiment file's order
    List<String> order = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    for (Map<String, Object> r : folder.rows()) {
      if (!order.contains(r.get("run").toString())) {
        order.add(r.get("run").toString());
      }
      if (!sets.contains(r.get("dataset").toString())) {
        sets.add(r.get("dataset").toString());
      }
    }
    columns.sort(java.util.Comparator.comparingInt(c -> rank(order, c.run())));
    rows.sort(java.util.Comparator.comparingInt(r -> rank(sets, r.dataset())));
    return new Layout(List.copyOf(columns), List.copyOf(rows));
  }

  /**
   * A table row's label as summary.md writes it: "RMNIST/5", "MNIST (whole pool)", with the data
   * set's name when several are shown and the number of draws when there are several.
   */
  public static String rowLabel(String name, String label, int n, int draws, long enabledSets) {
    String prefix = label != null ? label : (n == 0 ? "MNIST" : "RMNIST");
    String text = n == 0 ? prefix + " (whole pool)" : prefix + "/" + n;
    if (enabledSets > 1 && label == null) {
      text += " (" + name + ")";
    }
    if (draws > 1 && n > 0) {
      text += ", " + draws + " draws";
    }
    return text;
  }

  /** Runs and rows that have results but are not in the resolved experiment (or it is missing). */
  private static void addMissing(
      List<Map<String, Object>> results, List<Column> columns, List<Row> rows) {
    Set<String> runs = new LinkedHashSet<>();
    columns.forEach(c -> runs.add(c.run()));
    for (Map<String, Object> r : results) {
      String run = r.get("run").toString();
      if (runs.add(run)) {
        columns.add(new Column(run, run, Map.of()));
      }
      String dataset = r.get("dataset").toString();
      int n = ((Number) r.get("n")).intValue();
      if (rows.stream().noneMatch(x -> x.dataset().equals(dataset) && x.n() == n)) {
        rows.add(new Row(dataset, n, rowLabel(dataset, null, n, 1, 2)));
      }
    }
  }

  private static int rank(List<String> order, String name) {
    int i = order.indexOf(name);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static Map<Integer, Double> references(Object ref) {
    Map<Integer, Double> out = new LinkedHashMap<>();
    if (ref instanceof Map<?, ?> m) {
      m.forEach(
          (n, v) -> {
            if (v instanceof Number num) {
              try {
                out.put(Integer.parseInt(n.toString()), num.doubleValue());
              } catch (NumberFormatException e) {
                // not an N: ignored, as the summary table does
              }
            }
          });
    }
    return out;
  }

  /** The rows of {@code results} for one run, row and split. */
  static List<Map<String, Object>> select(
      List<Map<String, Object>> results, String run, Row row, String split) {
    return results.stream()
        .filter(
            r ->
                Objects.equals(r.get("run"), run)
                    && Objects.equals(r.get("dataset"), row.dataset())
                    && ((Number) r.get("n")).intValue() == row.n()
                    && Objects.equals(r.get("split"), split))
        .toList();
  }
}
