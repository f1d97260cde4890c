package org.rmnist.host.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.Progress;
import org.rmnist.api.io.IdxFile;
import org.rmnist.host.ConfigException;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.cli.RmnistCli;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.run.Runner;
import org.rmnist.host.util.Json;
import org.rmnist.testkit.jars.PluginJars;

/** Model manifests, fetching, features by manifest, saving, exporting and pretraining. */
class ModelsTest {
  @TempDir Path home;

  private Path plugins;
  private Path models;
  private String savedHome;
  private String savedBundled;

  @BeforeEach
  void setUp() throws IOException {
    plugins = home.resolve("plugins");
    models = home.resolve("models");
    Files.createDirectories(models);
    HostFixtures.data(plugins);
    HostFixtures.model(plugins);
    PluginJars.build(
        plugins,
        "fixture-features",
        "1.0.0",
        Map.of("fixture/features/SumExtractor.java", PluginJars.fixture("SumExtractor.java")));
    savedHome = System.getProperty("rmnist.home");
    savedBundled = System.getProperty("rmnist.plugins.bundled");
    System.setProperty("rmnist.home", home.toString());
    System.setProperty("rmnist.plugins.bundled", plugins.toString());
  }

  @AfterEach
  void restore() {
    restore("rmnist.home", savedHome);
    restore("rmnist.plugins.bundled", savedBundled);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }

  private void manifest(String name, String file, String sha, String extra) throws IOException {
    Files.writeString(
        models.resolve(name + ".yaml"),
        """
        name: %s
        description: a test network
        license: none
        source: made by the test
        file: %s
        sha256: %s
        urls: []
        extractor: sums
        params: {scale: 2}
        layers: {penultimate: both}
        %s"""
            .formatted(name, file, sha, extra));
  }

  @Test
  void manifestErrorsNameTheFileAndKey() throws Exception {
    manifest("net", "net.bin", "abc", "");
    var e = assertThrows(ConfigException.class, () -> ModelManifest.load(models, "net"));
    assertEquals(
        models.resolve("net.yaml") + ": sha256: expected 64 lower-case hex digits, " + "got 'abc'",
        e.getMessage());
    manifest("net", "net.bin", "0".repeat(64), "");
    Files.move(models.resolve("net.yaml"), models.resolve("other.yaml"));
    e = assertThrows(ConfigException.class, () -> ModelManifest.load(models, "other"));
    assertTrue(
        e.getMessage().endsWith("name: expected 'other' (the file's name), got 'net'"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> ModelManifest.load(models, "missing"));
    assertTrue(
        e.getMessage().contains("no model manifest 'missing'")
            && e.getMessage().endsWith("known: other"),
        e.getMessage());
    manifest("net", "net.bin", "0".repeat(64), "surprise: 1\n");
    e = assertThrows(ConfigException.class, () -> ModelManifest.load(models, "net"));
    assertTrue(e.getMessage().contains("surprise"), e.getMessage());
  }

  @Test
  void aManifestCannotPointOutsideItsFolder() throws Exception {
    String sha = "0".repeat(64);
    Path f = models.resolve("net.yaml");
    for (String[] c :
        new String[][] {
          {"../elsewhere.onnx", "leaves the manifest's folder"},
          {"sub/../../x.onnx", "leaves the manifest's folder"},
          {"/etc/passwd", "is an absolute path"},
          {"file:/etc/passwd", "is a URL; give the file's name (URLs go under 'urls')"},
          {"file:///tmp/x.onnx", "is a URL; give the file's name (URLs go under 'urls')"}
        }) {
      manifest("net", "'" + c[0] + "'", sha, "");
      var e = assertThrows(ConfigException.class, () -> ModelManifest.load(models, "net"));
      assertEquals(
          f
              + ": file: '"
              + c[0]
              + "' "
              + c[1]
              + "; the model file must lie in "
              + models
              + " beside its manifest, e.g. 'file: model.onnx'",
          e.getMessage());
    }
    manifest("net", "'sub/net.onnx'", sha, "");
    assertEquals(models.resolve("sub/net.onnx"), ModelManifest.load(models, "net").path(models));
    Files.writeString(
        f,
        Files.readString(f)
            .replace("urls: []", "urls: ['https://example.org/net.onnx', 'file:///etc/passwd']"));
    var e = assertThrows(ConfigException.class, () -> ModelManifest.load(models, "net"));
    assertEquals(
        f
            + ": urls[1]: 'file:///etc/passwd': only http:// and https:// URLs are "
            + "downloaded; to copy a local file use `rmnist models fetch net --from FILE`",
        e.getMessage());
    assertEquals(2, cli("models", "fetch", "net"));
    assertTrue(lastErr.contains("error: " + f + ": urls[1]: 'file:///etc/passwd'"), lastErr);
  }

  @Test
  void aBrokenManifestIsListedWithItsErrorAndHidesNoOther() throws Exception {
    manifest("alpha", "alpha.bin", "0".repeat(64), "");
    manifest("broken", "../outside.bin", "0".repeat(64), "");
    manifest("zeta", "zeta.bin", "0".repeat(64), "");
    Files.writeString(models.resolve("zeta.bin"), "z");
    assertEquals(2, cli("models", "list"), "a broken manifest is bad input");
    List<String> lines = lastOut.lines().toList();
    assertEquals(3, lines.size(), lastOut);
    assertTrue(lines.get(0).matches("alpha +absent +a test network"), lines.get(0));
    assertTrue(lines.get(1).startsWith("broken"), lines.get(1));
    assertTrue(
        lines
            .get(1)
            .contains(
                "BROKEN    "
                    + models.resolve("broken.yaml")
                    + ": file: '../outside.bin' leaves the manifest's folder"),
        lines.get(1));
    assertTrue(lines.get(2).matches("zeta +present +a test network"), lines.get(2));
    assertEquals("error: 1 broken manifest in " + models, lastErr.strip());
    Files.delete(models.resolve("broken.yaml"));
    assertEquals(0, cli("models", "list"));
  }

  @Test
  void fromForAPresentFileSaysWhetherItWasUsed() throws Exception {
    byte[] good = "weights".getBytes(StandardCharsets.UTF_8);
    Path src = home.resolve("download.bin");
    Files.write(src, good);
    manifest("net", "net.bin", sha256(good), "");
    Path file = models.resolve("net.bin");
    Files.write(file, good);
    assertEquals(0, cli("models", "fetch", "net", "--from", src.toString()));
    assertEquals(
        "net.bin: "
            + file
            + " present and verified; "
            + src
            + " not used (delete the "
            + "file to replace it)",
        lastOut.strip());
    assertEquals(0, cli("models", "fetch", "net"), "no URL is needed for a file already here");
    assertEquals("net.bin: " + file + " present and verified", lastOut.strip());
    Files.delete(file);
    assertEquals(2, cli("models", "fetch", "net"));
    assertTrue(
        lastErr.contains(
            "error: model 'net' has no download URL (it is made here: made "
                + "by the test); pass --from FILE"),
        lastErr);
    Files.write(file, good);

    Files.writeString(file, "tampered");
    assertEquals(0, cli("models", "fetch", "net", "--from", src.toString()));
    assertTrue(
        lastOut.startsWith(
            "net.bin: "
                + file
                + " has SHA-256 "
                + sha256("tampered".getBytes(StandardCharsets.UTF_8))
                + ", expected "
                + sha256(good)
                + "; fetching it again from "
                + src
                + "\n"),
        lastOut);
    assertTrue(lastOut.contains("net.bin: verified, saved as " + file), lastOut);
    assertEquals("weights", Files.readString(file));

    Files.writeString(file, "tampered");
    Files.writeString(src, "also wrong");
    assertEquals(1, cli("models", "fetch", "net", "--from", src.toString()));
    assertTrue(lastOut.contains("; discarded"), lastOut);
    assertTrue(
        lastOut.contains(
            "net.bin: could not be fetched from "
                + src
                + "; "
                + file
                + " is still the one with the wrong SHA-256"),
        lastOut);
    assertEquals("tampered", Files.readString(file), "nothing is replaced by a wrong copy");
    assertEquals(1, cli("models", "verify", "net"));
    assertEquals(
        file
            + ": BAD: SHA-256 "
            + sha256("tampered".getBytes(StandardCharsets.UTF_8))
            + ", expected "
            + sha256(good)
            + " (rmnist models fetch net replaces it)",
        lastOut.strip());
  }

  @Test
  void everyManifestOfTheProjectLoads() {
    Path project = Path.of("../../models").toAbsolutePath().normalize();
    List<String> names = ModelManifest.known(project);
    assertTrue(names.contains("resnet18-imagenet"), names.toString());
    for (String n : names) {
      ModelManifest m = ModelManifest.load(project, n);
      assertTrue(m.layers().containsKey("penultimate"), n);
      assertTrue(m.urls().stream().allMatch(u -> u.startsWith("https://")), n);
    }
  }

  @Test
  void layerShortNamesAndThePathResolve() throws Exception {
    manifest("net", "net.bin", "0".repeat(64), "");
    ModelManifest m = ModelManifest.load(models, "net");
    Map<String, Object> p = m.extractorParams(models, Map.of("layer", "penultimate"));
    assertEquals("both", p.get("layer"));
    assertEquals(models.resolve("net.bin").toString(), p.get("path"));
    assertEquals(2, p.get("scale"));
    assertEquals("rows", m.extractorParams(models, Map.of("layer", "rows")).get("layer"));
  }

  @Test
  void fetchFromAFileKeepsItOnlyWithTheRightHash() throws Exception {
    byte[] content = "weights".getBytes(StandardCharsets.UTF_8);
    Path src = home.resolve("download.bin");
    Files.write(src, content);
    manifest("net", "net.bin", "1".repeat(64), "");
    assertEquals(1, cli("models", "fetch", "net", "--from", src.toString()));
    assertFalse(Files.exists(models.resolve("net.bin")), "a file with a wrong hash is not kept");
    assertEquals(1, cli("models", "verify", "net"));
    manifest("net", "net.bin", sha256(content), "");
    assertEquals(0, cli("models", "fetch", "net", "--from", src.toString()));
    assertEquals("weights", Files.readString(models.resolve("net.bin")));
    assertEquals(0, cli("models", "verify", "net"));
    assertEquals(2, cli("models", "fetch", "nope"), "unknown manifest: bad input");
  }

  private String lastOut = "";
  private String lastErr = "";

  private int cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      return RmnistCli.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      lastOut = o.toString(StandardCharsets.UTF_8);
      lastErr = e.toString(StandardCharsets.UTF_8);
    }
  }

  private Runner.Outcome run(String yaml) throws IOException {
    Path f = home.resolve("exp.yaml");
    Files.writeString(f, yaml);
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      return new Runner(
              host,
              new HostDataContext(null, Progress.NONE),
              Progress.NONE,
              new PrintStream(new ByteArrayOutputStream()))
          .run(ExperimentLoader.load(f, List.of()), home.resolve("results"));
    }
  }

  private static final String BY_MANIFEST =
      """
      name: exp
      datasets:
        syn: {id: synthetic, n: [3]}
      runs:
        t:
          id: centroid
          features: {manifest: net, params: {layer: penultimate}}
      splits: [validation]
      """;

  @Test
  void featuresCanNameAManifestAndAMissingFileSaysHowToGetIt() throws Exception {
    manifest("net", "net.bin", sha256("x".getBytes(StandardCharsets.UTF_8)), "");
    var missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.nio.file.NoSuchFileException.class, () -> run(BY_MANIFEST));
    assertTrue(missing.getReason().contains("rmnist models fetch net"), missing.getReason());
    Files.writeString(models.resolve("net.bin"), "x");
    Runner.Outcome ok = run(BY_MANIFEST);
    assertTrue(ok.failures().isEmpty(), ok.failures().toString());
    Map<String, Object> config =
        Json.MAPPER.readValue(
            only(ok.dir().resolve("runs")).resolve("config.json").toFile(),
            new TypeReference<>() {});
    Map<?, ?> features = (Map<?, ?>) config.get("features");
    assertEquals("net", features.get("model"));
    Map<?, ?> bound = (Map<?, ?>) features.get("config");
    assertEquals("both", bound.get("layer"), "short name resolved");
    assertEquals(2.0, ((Number) bound.get("scale")).doubleValue());
    assertEquals("net.bin", bound.get("path"), "the identity names the file, not this checkout");
  }

  private static Path only(Path runs) throws IOException {
    try (Stream<Path> s = Files.list(runs)) {
      List<Path> all = s.filter(d -> Files.isRegularFile(d.resolve("done.json"))).toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  @Test
  void aModelThatCannotExportSaysSoBeforeAskingForSave() throws Exception {
    PluginJars.build(
        plugins,
        "fixture-plain",
        "1.0.0",
        Map.of(
            "fixture/plain/CentroidModel.java",
            PluginJars.fixture(
                "CentroidModel.java",
                "package fixture.model;",
                "package fixture.plain;",
                "return \"centroid\";",
                "return \"centroid-plain\";",
                "public boolean exportsOnnx() { return true; }",
                "")));
    Files.writeString(
        home.resolve("plain.yaml"),
        """
        name: plain
        datasets:
          syn: {id: synthetic, n: [3]}
        runs:
          c: {id: centroid-plain}
        splits: [validation]
        """);
    assertEquals(
        0,
        cli(
            "run",
            home.resolve("plain.yaml").toString(),
            "--results-dir",
            home.resolve("results").toString()),
        lastErr);
    Path runDir = only(home.resolve("results/plain/runs"));
    assertEquals(2, cli("export", runDir.toString(), "--out", home.resolve("p.onnx").toString()));
    assertEquals(
        "error: model 'centroid-plain' (plugin fixture-plain) cannot be exported to "
            + "ONNX; models that can: centroid",
        lastErr.strip());
  }

  @Test
  void aPluginBuiltBeforeExportsOnnxStillExportsASavedModel() throws Exception {
    // exportsOnnx() is a default method (false): a plugin compiled before it cannot override it,
    // yet its trained model is OnnxExportable, and a saved run of it must still export.
    PluginJars.build(
        plugins,
        "fixture-legacy",
        "1.0.0",
        Map.of(
            "fixture/legacy/CentroidModel.java",
            PluginJars.fixture(
                "CentroidModel.java",
                "package fixture.model;",
                "package fixture.legacy;",
                "return \"centroid\";",
                "return \"centroid-legacy\";",
                "public boolean exportsOnnx() { return true; }",
                "")));
    Files.writeString(
        home.resolve("legacy.yaml"),
        """
        name: legacy
        datasets:
          syn: {id: synthetic, n: [3]}
        runs:
          c: {id: centroid-legacy, save: true}
        splits: [validation]
        """);
    assertEquals(
        0,
        cli(
            "run",
            home.resolve("legacy.yaml").toString(),
            "--results-dir",
            home.resolve("results").toString()),
        lastErr);
    Path runDir = only(home.resolve("results/legacy/runs"));
    Path out = home.resolve("legacy.onnx");
    assertEquals(0, cli("export", runDir.toString(), "--out", out.toString()), lastErr);
    assertTrue(Files.size(out) > 0, "the ONNX file is written");
  }

  @Test
  void anObjectiveTheModelCannotRunNamesTheOnesItCan() throws Exception {
    Files.writeString(
        home.resolve("objective.yaml"),
        """
        name: objective
        datasets:
          syn: {id: synthetic, n: [3]}
        runs:
          c: {id: centroid, save: true}
        splits: [validation]
        """);
    String[] args = {
      "models", "pretrain", "--experiment", home.resolve("objective.yaml").toString(), "--name", "x"
    };
    String[] withObjective = java.util.Arrays.copyOf(args, args.length + 2);
    withObjective[args.length] = "--objective";
    withObjective[args.length + 1] = "autoencoder";
    assertEquals(2, cli(withObjective));
    assertTrue(
        lastErr.contains(
            "--objective autoencoder: model 'centroid' of run 'c' can run supervised only; no "
                + "installed model runs 'autoencoder'"),
        lastErr);
    assertFalse(Files.exists(models.resolve("x.yaml")), "nothing was trained or written");
    withObjective[args.length + 1] = "supervised";
    assertEquals(0, cli(withObjective), lastErr);
    assertTrue(Files.exists(models.resolve("x.yaml")));
  }

  @Test
  void savedRunsExportAndPretrainWritesAManifest() throws Exception {
    String yaml =
        """
        name: pre
        datasets:
          syn: {id: synthetic, n: [3]}
        runs:
          c: {id: centroid, save: true}
        splits: [validation]
        """;
    Files.writeString(home.resolve("pre.yaml"), yaml);
    assertEquals(
        0,
        cli(
            "models",
            "pretrain",
            "--experiment",
            home.resolve("pre.yaml").toString(),
            "--name",
            "syn-centroid",
            "--earlier",
            "rows"));
    ModelManifest m = ModelManifest.load(models, "syn-centroid");
    Path file = models.resolve("syn-centroid.onnx");
    assertEquals("centroids of 16 values", Files.readString(file));
    assertEquals(IdxFile.contentSha256(file), m.sha256());
    assertEquals("onnx", m.extractor());
    Map<?, ?> preprocess = (Map<?, ?>) m.params().get("preprocess");
    assertEquals(4, preprocess.get("size"));
    assertEquals("pad", preprocess.get("resize"));
    assertEquals(Map.of("penultimate", "features", "earlier", "rows"), m.layers());

    Path runDir = only(home.resolve("results/pre/runs"));
    Path out = home.resolve("out/c.onnx");
    assertEquals(0, cli("export", runDir.toString(), "--out", out.toString()));
    assertEquals("centroids of 16 values", Files.readString(out));

    Path folder = Files.createDirectories(home.resolve("exports"));
    assertEquals(0, cli("export", runDir.toString(), "--out", folder.toString()));
    Path inFolder = folder.resolve(runDir.getFileName() + ".onnx");
    assertEquals("centroids of 16 values", Files.readString(inFolder));
    try (Stream<Path> left = Files.list(home)) {
      assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".tmp")).toList());
    }
    assertTrue(lastOut.startsWith(inFolder + ": centroid model"), lastOut);
    assertEquals(
        2, cli("export", runDir.toString(), "--out", home.resolve("pre.yaml/x.onnx").toString()));
    assertTrue(
        lastErr.contains(
            "error: --out "
                + home.resolve("pre.yaml/x.onnx")
                + ": "
                + home.resolve("pre.yaml")
                + " is a file, not a folder"),
        lastErr);

    Files.writeString(
        home.resolve("nosave.yaml"),
        yaml.replace("name: pre", "name: nosave").replace(", save: true", ""));
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      new Runner(
              host,
              new HostDataContext(null, Progress.NONE),
              Progress.NONE,
              new PrintStream(new ByteArrayOutputStream()))
          .run(
              ExperimentLoader.load(home.resolve("nosave.yaml"), List.of()),
              home.resolve("results"));
      Path plain = only(home.resolve("results/nosave/runs"));
      var e = assertThrows(ConfigException.class, () -> Exporter.export(host, plain, out));
      assertTrue(e.getMessage().contains("set 'save: true'"), e.getMessage());
    }
  }
}
