package org.rmnist.host.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Model;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.host.ConfigException;
import org.rmnist.host.testing.PluginJars;

class PluginHostTest {
  @TempDir
  Path tmp;

  private Path plugins() {
    return tmp.resolve("plugins");
  }

  private void buildDataAndModel() {
    PluginJars.build(plugins(), "fixture-data", "1.2.3",
        Map.of("fixture/data/SyntheticDataset.java", PluginJars.fixture("SyntheticDataset.java")));
    PluginJars.build(plugins(), "fixture-model", "0.1.0",
        Map.of("fixture/model/CentroidModel.java", PluginJars.fixture("CentroidModel.java")));
  }

  @Test
  void loadsJarPluginsAndIndexesTheirExtensions() {
    buildDataAndModel();
    try (PluginHost host = PluginHost.open(List.of(plugins(), tmp.resolve("absent")))) {
      assertEquals(List.of("synthetic"), host.ids(ExtensionKind.DATASET));
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      PluginHost.Registered r = host.get(ExtensionKind.DATASET, "synthetic", "x");
      assertEquals("fixture-data", r.plugin().id());
      assertEquals("1.2.3", r.plugin().version());
      assertTrue(host.problems().isEmpty(), host.problems().toString());
    }
  }

  @Test
  void unknownIdListsTheKnownOnes() {
    buildDataAndModel();
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> host.get(ExtensionKind.MODEL, "svm", "runs.a.model"));
      assertEquals("runs.a.model: unknown model 'svm'; known: centroid", e.getMessage());
    }
  }

  @Test
  void aBrokenPluginIsReportedAndTheOthersStillWork() throws IOException {
    buildDataAndModel();
    Files.write(plugins().resolve("broken.jar"), new byte[] {1, 2, 3});
    Path noId = PluginJars.build(tmp.resolve("other"), "dup", "1.0.0",
        Map.of("fixture/model/CentroidModel.java", PluginJars.fixture("CentroidModel.java")));
    Files.copy(noId, plugins().resolve("dup.jar"));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(List.of("synthetic"), host.ids(ExtensionKind.DATASET));
      String problems = String.join("\n", host.problems());
      assertTrue(problems.contains("broken.jar"), problems);
      assertTrue(problems.contains("model id 'centroid' is provided by both plugin dup and plugin "
          + "fixture-model") || problems.contains("model id 'centroid' is provided by both plugin "
          + "fixture-model and plugin dup"), problems);
    }
  }

  /** Two plugins, one copy of each heavy runtime: the host's (docs/platform.md 1, 2, 7). */
  @Test
  void twoPluginsShareTheHostsRuntimes() throws Exception {
    for (String id : List.of("a", "b")) {
      PluginJars.build(plugins(), "probe-" + id, "1.0.0", Map.of(
          "fixture/probe/" + id + "/RuntimeProbe.java",
          PluginJars.fixture("RuntimeProbe.java", "ID", id)));
    }
    ImageSet tiny = new ImageSet(new float[4], new int[] {0}, new ImageShape(1, 2, 2),
        new int[] {0});
    TrainContext ctx = new TrainContext(new Seed(0), 10, Progress.NONE, tmp, 1, OnTheFly.NONE);
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      Map<String, Object> a = probe(host, "probe-a", tiny, ctx);
      Map<String, Object> b = probe(host, "probe-b", tiny, ctx);
      assertEquals("PyTorch", a.get("engine"));
      assertEquals("PyTorch", b.get("engine"));
      assertEquals(20f, a.get("sum"));
      assertEquals(20f, b.get("sum"));
      assertEquals(a.get("ortEnvironment"), b.get("ortEnvironment"), "one OrtEnvironment");
      String hostLoader = String.valueOf(ai.onnxruntime.OrtEnvironment.class.getClassLoader());
      assertEquals(hostLoader, a.get("ortLoader"));
      assertEquals(hostLoader, b.get("ortLoader"));
      assertEquals(String.valueOf(ai.djl.ndarray.NDManager.class.getClassLoader()),
          b.get("djlLoader"));
      String tfLoader = String.valueOf(org.tensorflow.TensorFlow.class.getClassLoader());
      assertEquals(tfLoader, a.get("tfLoader"));
      assertEquals(tfLoader, b.get("tfLoader"));
      assertTrue(String.valueOf(a.get("tfVersion")).matches("\\d+\\.\\d+.*"),
          "TensorFlow's native library answers in both plugins: " + a + b);
      assertEquals(a.get("tfVersion"), b.get("tfVersion"));
      assertNotEquals(hostLoader, a.get("pluginLoader"));
      assertEquals(SharedFirstClassLoader.class.getName(), a.get("pluginLoader"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> probe(PluginHost host, String id, ImageSet data,
      TrainContext ctx) throws IOException {
    Model<Record> m = (Model<Record>) host.get(ExtensionKind.MODEL, id, id).component();
    try (TrainedModel t = m.fit(m.defaults(), data, data, ctx)) {
      return t.facts();
    }
  }
}
