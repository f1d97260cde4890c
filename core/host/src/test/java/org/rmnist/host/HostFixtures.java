package org.rmnist.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** Builds fixture-unlabelled 1.0.0 (a model that records the unlabelled view it receives). */
  public static void unlabelledProbe(Path plugins) {
    PluginJars.build(
        plugins,
        "fixture-unlabelled",
        "1.0.0",
        Map.of(
            "fixture/unlabelled/UnlabelledProbe.java", PluginJars.fixture("UnlabelledProbe.java")));
  }

  /**
   * A Runner without a data directory or progress display that writes its log to {@code log}, with
   * {@code home} as the project root.
   */
  public static org.rmnist.host.run.Runner runner(
      org.rmnist.host.plugin.PluginHost host, java.io.OutputStream log, Path home) {
    return new org.rmnist.host.run.Runner(
        host,
        new org.rmnist.host.data.HostDataContext(null, org.rmnist.api.Progress.NONE),
        org.rmnist.api.Progress.NONE,
        new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8),
        false,
        home);
  }

  /**
   * The command line of {@code rmnist run FILE --results-dir RESULTS MORE...} in a JVM of its own,
   * on the test class path, with {@code plugins} as the bundled plugins.
   */
  public static List<String> runCommand(Path plugins, Path file, Path results, String... more) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Drmnist.plugins.bundled=" + plugins,
                "org.rmnist.host.cli.RmnistCli",
                "run",
                file.toString(),
                "--results-dir",
                results.toString()));
    cmd.addAll(List.of(more));
    return cmd;
  }
}
