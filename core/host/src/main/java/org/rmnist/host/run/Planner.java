package org.rmnist.host.run;

import java.util.ArrayList;
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
 * anything is computed. Order: data set, n, draw seed, run, training seed (data loads once per
 * draw).
 */
final class Planner {
  private Planner() {}

  static List<PlannedRun> plan(Loaded loaded, PluginHost host) {
    String file = loaded.file().toString();
    List<PlannedRun> plan = new ArrayList<>();
    for (Map.Entry<String, DatasetSpec> d : loaded.spec().datasets().entrySet()) {
      DatasetSpec ds = d.getValue();
      if (!ds.enabled()) {
        continue;
      }
      String at = file + ": datasets." + d.getKey();
      Registered dataset = host.get(ExtensionKind.DATASET, ds.plugin(), at + ".plugin");
      Record dsConfig = ConfigBinder.bind(dataset.component(), ds.params(), at + ".params");
      for (int n : ds.n()) {
        for (long draw : ds.drawSeeds()) {
          for (Map.Entry<String, RunSpec> r : loaded.spec().runs().entrySet()) {
            RunSpec rs = r.getValue();
            if (!rs.enabled()) {
              continue;
            }
            String rat = file + ": runs." + r.getKey();
            Registered model = host.get(ExtensionKind.MODEL, rs.model(), rat + ".model");
            Record mConfig = ConfigBinder.bind(model.component(), rs.params(), rat + ".params");
            Pipeline pipeline = Pipeline.bind(rs.augment(), host, rat + ".augment");
            for (long seed : rs.trainSeeds()) {
              plan.add(new PlannedRun(d.getKey(), ds, dataset, dsConfig, n, draw, r.getKey(), rs,
                  model, mConfig, pipeline, seed));
            }
          }
        }
      }
    }
    return plan;
  }
}
