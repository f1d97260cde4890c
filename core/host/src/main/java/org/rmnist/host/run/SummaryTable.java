package org.rmnist.host.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rmnist.host.config.DatasetSpec;
import org.rmnist.host.config.ExperimentSpec;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.util.Stats;

/**
 * Nielsen's table layout: rows are data sets (RMNIST/1, /5, /10, MNIST), columns are runs, cells
 * are accuracy in % (mean ± std over draws and seeds), with the published reference in brackets.
 */
final class SummaryTable {
  private SummaryTable() {}

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
    String prefix = ds.label() != null ? ds.label() : (n == 0 ? "MNIST" : "RMNIST");
    String label = n == 0 ? prefix + " (whole pool)" : prefix + "/" + n;
    long enabledSets = spec.datasets().values().stream().filter(DatasetSpec::enabled).count();
    if (enabledSets > 1 && ds.label() == null) {
      label += " (" + name + ")";
    }
    if (ds.drawSeeds().size() > 1 && n > 0) {
      label += ", " + ds.drawSeeds().size() + " draws";
    }
    return label;
  }
}
