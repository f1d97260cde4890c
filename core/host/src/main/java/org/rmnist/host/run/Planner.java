package org.rmnist.host.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.host.config.DatasetSpec;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.plugin.PluginHost.Registered;

/**
 * Expands an experiment into its runs, binding every id and parameter first, so a typo fails before
 * anything is computed. Order: data set, n, draw seed, then the model runs (file order, training
 * seeds), then the ensembles of that data; data loads once per draw.
 */
final class Planner {
  private Planner() {}

  private record BoundRun(String name, RunSpec spec, Registered model, Pipeline pipeline,
      FeatureStage.Bound features, String at) {}

  static List<PlannedRun> plan(Loaded loaded, PluginHost host) {
    String file = loaded.file().toString();
    List<BoundRun> bound = new ArrayList<>();
    for (Map.Entry<String, RunSpec> r : loaded.spec().runs().entrySet()) {
      RunSpec rs = r.getValue();
      if (!rs.enabled() || rs.ensemble() != null) {
        continue;
      }
      String at = file + ": runs." + r.getKey();
      Registered model = host.get(ExtensionKind.MODEL, rs.model(), at + ".id");
      ConfigBinder.bind(model.component(), rs.params(), at + ".params");
      bound.add(new BoundRun(r.getKey(), rs, model,
          Pipeline.bind(rs.augment(), rs.onTheFly(), host, at),
          FeatureStage.bind(rs, host, at), at));
    }
    List<PlannedRun> plan = new ArrayList<>();
    for (Map.Entry<String, DatasetSpec> d : loaded.spec().datasets().entrySet()) {
      DatasetSpec ds = d.getValue();
      if (!ds.enabled()) {
        continue;
      }
      String at = file + ": datasets." + d.getKey();
      Registered dataset = host.get(ExtensionKind.DATASET, ds.plugin(), at + ".id");
      Record dsConfig = ConfigBinder.bind(dataset.component(), ds.params(), at + ".params");
      for (int n : ds.n()) {
        for (long draw : ds.drawSeeds()) {
          Map<String, List<PlannedRun>> byRun = new LinkedHashMap<>();
          for (BoundRun b : bound) {
            String where = b.at() + (b.spec().paramsByN().containsKey(n)
                ? ".paramsByN." + n : ".params");
            Record config = ConfigBinder.bind(b.model().component(), b.spec().paramsFor(n), where);
            List<PlannedRun> seeds = new ArrayList<>();
            for (long seed : b.spec().trainSeeds()) {
              seeds.add(new PlannedRun(d.getKey(), ds, dataset, dsConfig, n, draw, b.name(),
                  b.spec(), b.model(), config, b.pipeline(), b.features(), seed, List.of()));
            }
            byRun.put(b.name(), seeds);
            plan.addAll(seeds);
          }
          plan.addAll(ensembles(loaded, d.getKey(), ds, dataset, dsConfig, n, draw, byRun));
        }
      }
    }
    return plan;
  }

  private static List<PlannedRun> ensembles(Loaded loaded, String name, DatasetSpec ds,
      Registered dataset, Record dsConfig, int n, long draw, Map<String, List<PlannedRun>> byRun) {
    List<PlannedRun> out = new ArrayList<>();
    for (Map.Entry<String, RunSpec> r : loaded.spec().runs().entrySet()) {
      RunSpec rs = r.getValue();
      if (!rs.enabled() || rs.ensemble() == null) {
        continue;
      }
      List<List<PlannedRun>> members = rs.ensemble().members().stream()
          .map(m -> byRun.getOrDefault(m, List.of())).toList();
      if (rs.ensemble().acrossSeeds()) {
        List<PlannedRun> all = members.stream().flatMap(List::stream).toList();
        out.add(new PlannedRun(name, ds, dataset, dsConfig, n, draw, r.getKey(), rs, null, null,
            null, null, -1, all));
        continue;
      }
      for (long seed : rs.trainSeeds()) {
        List<PlannedRun> atSeed = members.stream().flatMap(List::stream)
            .filter(p -> p.trainSeed() == seed).toList();
        if (atSeed.size() != members.size()) {
          throw new org.rmnist.host.ConfigException(loaded.file() + ": runs." + r.getKey()
              + ".ensemble: every member needs training seed " + seed + " (members "
              + rs.ensemble().members() + ", enabled, each with trainSeeds containing it), or set "
              + "acrossSeeds: true");
        }
        out.add(new PlannedRun(name, ds, dataset, dsConfig, n, draw, r.getKey(), rs, null, null,
            null, null, seed, atSeed));
      }
    }
    return out;
  }
}
