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
import org.rmnist.testkit.jars.PluginJars;

class PluginHostTest {
  @TempDir Path tmp;

  private Path plugins() {
    return tmp.resolve("plugins");
  }

  private void buildDataAndModel() {
    PluginJars.build(
        plugins(),
        "fixture-data",
        "1.2.3",
        Map.of("fixture/data/SyntheticDataset.java", PluginJars.fixture("SyntheticDataset.java")));
    PluginJars.build(
        plugins(),
        "fixture-model",
        "0.1.0",
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
      ConfigException e =
          assertThrows(
              ConfigException.class, () -> host.get(ExtensionKind.MODEL, "svm", "runs.a.model"));
      assertEquals("runs.a.model: unknown model 'svm'; known: centroid", e.getMessage());
    }
  }

  @Test
  void aBrokenPluginIsReportedAndTheOthersStillWork() throws IOException {
    buildDataAndModel();
    Files.write(plugins().resolve("broken.jar"), new byte[] {1, 2, 3});
    Path noId =
        PluginJars.build(
            tmp.resolve("other"),
            "dup",
            "1.0.0",
            Map.of("fixture/model/CentroidModel.java", PluginJars.fixture("CentroidModel.java")));
    Files.copy(noId, plugins().resolve("dup.jar"));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(List.of("synthetic"), host.ids(ExtensionKind.DATASET));
      String problems = String.join("\n", host.problems());
      assertTrue(problems.contains("broken.jar"), problems);
      assertTrue(
          problems.contains(
                  "model id 'centroid' is provided by both plugin dup and plugin "
                      + "fixture-model")
              || problems.contains(
                  "model id 'centroid' is provided by both plugin "
                      + "fixture-model and plugin dup"),
          problems);
    }
  }

  private String problems(PluginHost host) {
    return String.join("\n", host.problems());
  }

  private Path needy(PluginJars.Builder builder) {
    return builder
        .source(
            "fixture/aug/InvertAugmentation.java", PluginJars.fixture("InvertAugmentation.java"))
        .build(plugins());
  }

  @Test
  void anUnmetDependencyIsReportedByJarAndTheOthersStillWork() {
    buildDataAndModel();
    Path jar = needy(PluginJars.plugin("needy").version("2.0.0").dependencies("absent-plugin"));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(List.of(), host.ids(ExtensionKind.AUGMENTATION));
      assertEquals(
          List.of(
              "plugin needy ("
                  + jar
                  + ") FAILED: needs plugin 'absent-plugin' "
                  + "(Plugin-Dependencies), which is not loaded"),
          host.problems());
      PluginHost.PluginInfo info =
          host.plugins().stream().filter(p -> p.id().equals("needy")).findFirst().orElseThrow();
      assertEquals("2.0.0", info.version());
    }
  }

  @Test
  void aDependencyOfTheWrongVersionIsReported() {
    buildDataAndModel();
    Path jar = needy(PluginJars.plugin("needy").dependencies("fixture-model@>=2.0.0"));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(
          List.of(
              "plugin needy ("
                  + jar
                  + ") FAILED: needs plugin 'fixture-model' "
                  + ">=2.0.0 (Plugin-Dependencies), but version 0.1.0 is loaded"),
          host.problems());
    }
  }

  @Test
  void aMetDependencyLoads() {
    buildDataAndModel();
    needy(PluginJars.plugin("needy").dependencies("fixture-model@>=0.1.0"));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("invert"), host.ids(ExtensionKind.AUGMENTATION));
      assertTrue(host.problems().isEmpty(), problems(host));
    }
  }

  @Test
  void aPluginBuiltForAnotherApiIsRefusedNamingTheJarAndBothVersions() {
    buildDataAndModel();
    String api = PluginHost.apiVersion();
    int major = Integer.parseInt(api.split("\\.")[0]);
    String future = PluginHost.compatibleRange((major + 1) + ".0.0");
    Path jar = needy(PluginJars.plugin("future").requires(future));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of(), host.ids(ExtensionKind.AUGMENTATION));
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(
          List.of(
              "plugin future ("
                  + jar
                  + ") FAILED: built for rmnist API "
                  + future
                  + ", but this host's API is "
                  + api
                  + " (Plugin-Requires; rebuild the plugin against "
                  + "this API)"),
          host.problems());
    }
  }

  @Test
  void aPluginBuiltForThisApiLoads() {
    needy(
        PluginJars.plugin("current").requires(PluginHost.compatibleRange(PluginHost.apiVersion())));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("invert"), host.ids(ExtensionKind.AUGMENTATION));
      assertTrue(host.problems().isEmpty(), problems(host));
    }
  }

  @Test
  void theApiVersionComesFromTheBuildAndGivesTheCompatibleRange() {
    assertTrue(PluginHost.apiVersion().matches("\\d+\\.\\d+\\.\\d+.*"), PluginHost.apiVersion());
    assertEquals(">=0.1.0 & <0.2.0", PluginHost.compatibleRange("0.1.0-SNAPSHOT"));
    assertEquals(">=0.3.2 & <0.4.0", PluginHost.compatibleRange("0.3.2"));
    assertEquals(">=1.4.0 & <2.0.0", PluginHost.compatibleRange("1.4.0"));
  }

  @Test
  void malformedVersionsInTheManifestAreReportedByJar() {
    buildDataAndModel();
    Path requires = needy(PluginJars.plugin("soon").requires("soon"));
    Path version = needy(PluginJars.plugin("vague").version("latest"));
    Path dep = needy(PluginJars.plugin("loose").dependencies("fixture-model@recent"));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      String all = problems(host);
      String api = PluginHost.compatibleRange(PluginHost.apiVersion());
      assertTrue(
          all.contains(
              "plugin soon ("
                  + requires
                  + ") FAILED: Plugin-Requires 'soon' is "
                  + "not a version range ("),
          all);
      assertTrue(all.contains("); write e.g. '" + api + "'"), all);
      assertTrue(
          all.contains(
              "plugin vague ("
                  + version
                  + ") FAILED: Plugin-Version 'latest' is "
                  + "not a version such as 1.0.0"),
          all);
      assertTrue(
          all.contains(
              "plugin loose ("
                  + dep
                  + ") FAILED: Plugin-Dependencies entry "
                  + "'fixture-model@recent': 'recent' is not a version range such as >=1.0.0"),
          all);
      assertEquals(3, host.problems().size(), all);
    }
  }

  @Test
  void aManifestWithoutPluginIdIsReportedByJar() {
    buildDataAndModel();
    Path jar = needy(PluginJars.plugin("anonymous").attribute("Plugin-Id", null));
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(
          List.of("plugin ? (" + jar + ") FAILED: Field 'id' cannot be empty"), host.problems());
    }
  }

  @Test
  void anExtensionWhoseConstructorThrowsIsReportedAndItsNeighboursLoad() {
    buildDataAndModel();
    PluginJars.plugin("fragile")
        .source("fixture/bad/ThrowingModel.java", PluginJars.fixture("ThrowingModel.java"))
        .source(
            "fixture/aug/InvertAugmentation.java", PluginJars.fixture("InvertAugmentation.java"))
        .build(plugins());
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of("invert"), host.ids(ExtensionKind.AUGMENTATION));
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(
          List.of(
              "plugin fragile (fragile.jar): extension fixture.bad.ThrowingModel "
                  + "cannot be created: java.lang.IllegalStateException: no licence file in ~/.throwing"),
          host.problems());
    }
  }

  @Test
  void anExtensionWithoutAnIdIsReportedAndItsNeighboursLoad() {
    buildDataAndModel();
    PluginJars.plugin("nameless")
        .source(
            "fixture/aug/InvertAugmentation.java",
            PluginJars.fixture("InvertAugmentation.java", "return \"invert\";", "return null;"))
        .build(plugins());
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of(), host.ids(ExtensionKind.AUGMENTATION));
      assertEquals(List.of("centroid"), host.ids(ExtensionKind.MODEL));
      assertEquals(
          List.of(
              "plugin nameless (nameless.jar): extension fixture.aug.InvertAugmentation has no id "
                  + "(id() returned null); an id is lower-kebab-case, e.g. svm-rbf"),
          host.problems());
    }
  }

  @Test
  void anExtensionClassThatCannotBeLoadedOrInitialisedIsReported() throws IOException {
    Path index = tmp.resolve("index");
    Files.createDirectories(index.resolve("META-INF"));
    Files.writeString(index.resolve("META-INF/extensions.idx"), "fixture.gone.Missing\n");
    PluginJars.plugin("hollow").classes(index).build(plugins());
    String doomed =
        PluginJars.fixture(
            "ThrowingModel.java",
            "ThrowingModel",
            "Doomed",
            "public Doomed() {",
            "static {\n    if (Boolean.TRUE)");
    PluginJars.plugin("static-init").source("fixture/bad/Doomed.java", doomed).build(plugins());
    try (PluginHost host = PluginHost.open(List.of(plugins()))) {
      assertEquals(List.of(), host.ids(ExtensionKind.MODEL));
      assertEquals(
          List.of(
              "plugin hollow (hollow.jar): cannot load extension class fixture.gone.Missing: "
                  + "java.lang.ClassNotFoundException: fixture.gone.Missing",
              "plugin static-init (static-init.jar): extension fixture.bad.Doomed cannot be created: "
                  + "java.lang.IllegalStateException: no licence file in ~/.throwing"),
          host.problems());
    }
  }

  /** Two plugins, one copy of each heavy runtime: the host's (docs/platform.md 1, 2, 7). */
  @Test
  void twoPluginsShareTheHostsRuntimes() throws Exception {
    for (String id : List.of("a", "b")) {
      PluginJars.build(
          plugins(),
          "probe-" + id,
          "1.0.0",
          Map.of(
              "fixture/probe/" + id + "/RuntimeProbe.java",
              PluginJars.fixture("RuntimeProbe.java", "ID", id)));
    }
    ImageSet tiny =
        new ImageSet(new float[4], new int[] {0}, new ImageShape(1, 2, 2), new int[] {0});
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
      assertEquals(
          String.valueOf(ai.djl.ndarray.NDManager.class.getClassLoader()), b.get("djlLoader"));
      String tfLoader = String.valueOf(org.tensorflow.TensorFlow.class.getClassLoader());
      assertEquals(tfLoader, a.get("tfLoader"));
      assertEquals(tfLoader, b.get("tfLoader"));
      assertTrue(
          String.valueOf(a.get("tfVersion")).matches("\\d+\\.\\d+.*"),
          "TensorFlow's native library answers in both plugins: " + a + b);
      assertEquals(a.get("tfVersion"), b.get("tfVersion"));
      assertNotEquals(hostLoader, a.get("pluginLoader"));
      assertEquals(SharedFirstClassLoader.class.getName(), a.get("pluginLoader"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> probe(
      PluginHost host, String id, ImageSet data, TrainContext ctx) throws IOException {
    Model<Record> m = (Model<Record>) host.get(ExtensionKind.MODEL, id, id).component();
    try (TrainedModel t = m.fit(m.defaults(), data, data, ctx)) {
      return t.facts();
    }
  }
}
