package org.rmnist.host.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rmnist.host.config.DatasetSpec;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.ExperimentSpec;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.report.Layout;
import org.rmnist.host.util.Stats;

/**
 * An experiment's summary.md: Nielsen's table layout (rows are data sets, RMNIST/1, /5, /10, MNIST;
 * columns are runs; cells are accuracy in %, mean ± std over draws and seeds, with the published
 * reference in brackets), what is known of the test set, and the runs made by other code.
 */
final class SummaryTable {
  private SummaryTable() {}

  /** The summary: the table per split, what is known of the test set, and stale runs. */
  static String summary(Loaded loaded, List<Map<String, Object>> rows, Runner.Batch batch) {
    StringBuilder summary = new StringBuilder("# ").append(loaded.spec().name()).append("\n\n");
    if (!loaded.spec().description().isBlank()) {
      summary.append(loaded.spec().description().strip()).append("\n\n");
    }
    summary.append(SummaryTable.render(loaded.spec(), rows, "validation"));
    if (rows.stream().anyMatch(r -> "test".equals(r.get("split")))) {
      summary.append("\n").append(SummaryTable.render(loaded.spec(), rows, "test"));
    } else if (loaded.spec().splits().contains("test")) {
      // "absent" only when a load said so, or nothing failed that could have hidden it
      summary.append(
          Boolean.FALSE.equals(batch.testPresent())
                  || batch.testPresent() == null && batch.failures().isEmpty()
              ? "\nTest set: absent (no t10k files next to the training files), so no test "
                  + "accuracy is reported.\n"
              : "\nNo test accuracy: "
                  + batch.failures().size()
                  + " runs failed before any "
                  + "evaluated the test set (see their messages).\n");
    }
    if (!batch.stale().isEmpty()) {
      Map<String, List<String>> byDifference = new java.util.TreeMap<>();
      for (Runner.Stale st : batch.stale()) {
        byDifference
            .computeIfAbsent(String.join("; ", st.differences()), k -> new ArrayList<>())
            .add(st.run().describe());
      }
      summary
          .append("\nMade by other code: ")
          .append(batch.stale().size())
          .append(
              " finished runs in this table were made by plugin jars that differ from the "
                  + "current ones, so they may not match what the current code gives:\n");
      byDifference.forEach(
          (diff, runs) ->
              summary
                  .append("- ")
                  .append(diff)
                  .append(": ")
                  .append(String.join(", ", runs))
                  .append('\n'));
      summary
          .append("`bin/rmnist run ")
          .append(loaded.file())
          .append(" --rerun-stale` trains them again.\n");
    }
    return summary.toString();
  }

  static String render(ExperimentSpec spec, List<Map<String, Object>> rows, String split) {
    List<String> runNames = new ArrayList<>();
    spec.runs()
        .forEach(
            (name, r) -> {
              if (r.enabled()) {
                runNames.add(name);
              }
            });
    StringBuilder sb = new StringBuilder();
    sb.append("| data set |");
    for (String r : runNames) {
      RunSpec rs = spec.runs().get(r);
      sb.append(' ').append(rs.label() != null ? rs.label() : r).append(" |");
    }
    sb.append('\n').append("|---|");
    sb.append("---|".repeat(runNames.size())).append('\n');
    boolean anyRef = false;
    for (Map.Entry<String, DatasetSpec> d : spec.datasets().entrySet()) {
      DatasetSpec ds = d.getValue();
      if (!ds.enabled()) {
        continue;
      }
      for (int n : ds.n()) {
        sb.append("| ").append(rowLabel(spec, d.getKey(), ds, n)).append(" |");
        for (String r : runNames) {
          List<Double> acc = new ArrayList<>();
          for (Map<String, Object> row : rows) {
            if (Objects.equals(row.get("dataset"), d.getKey())
                && ((Number) row.get("n")).intValue() == n
                && Objects.equals(row.get("run"), r)
                && Objects.equals(row.get("split"), split)) {
              acc.add(((Number) row.get("accuracy")).doubleValue() * 100);
            }
          }
          sb.append(' ').append(Stats.of(acc).format());
          Double ref = spec.runs().get(r).reference().get(n);
          if (ref != null && "validation".equals(split)) {
            sb.append(String.format(" [%.2f]", ref));
            anyRef = true;
          }
          sb.append(" |");
        }
        sb.append('\n');
      }
    }
    sb.append('\n')
        .append(split)
        .append(
            " accuracy (%); mean ± std over draws × training seeds " + "where there are several");
    if (anyRef) {
      sb.append("; [published reference]");
    }
    sb.append('\n');
    return sb.toString();
  }

  private static String rowLabel(ExperimentSpec spec, String name, DatasetSpec ds, int n) {
    long enabledSets = spec.datasets().values().stream().filter(DatasetSpec::enabled).count();
    return Layout.rowLabel(name, ds.label(), n, ds.drawSeeds().size(), enabledSets);
  }
}
