package org.rmnist.host;

import java.nio.file.Path;
import java.util.Map;
import org.rmnist.testkit.jars.PluginJars;

/** The host tests' fixture plugins (sources under test resources' fixtures/), built as jars. */
public final class HostFixtures {
  private HostFixtures() {}

  /** Builds fixture-data 1.0.0 (the synthetic data set) into {@code plugins}. */
  public static void data(Path plugins) {
    PluginJars.build(
        plugins,
        "fixture-data",
        "1.0.0",
        Map.of("fixture/data/SyntheticDataset.java", PluginJars.fixture("SyntheticDataset.java")));
  }

  /**
   * Builds fixture-model 1.0.0 (the nearest-centroid model) into {@code plugins}, with pairs of
   * (text, replacement) applied to its source.
   */
  public static void model(Path plugins, String... replacements) {
    PluginJars.build(
        plugins,
        "fixture-model",
        "1.0.0",
        Map.of(
            "fixture/model/CentroidModel.java",
            PluginJars.fixture("CentroidModel.java", replacements)));
  }
}
