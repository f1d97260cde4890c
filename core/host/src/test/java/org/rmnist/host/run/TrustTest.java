package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.Progress;
import org.rmnist.host.ConfigException;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.cli.RmnistCli;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.FileHashes;
import org.rmnist.host.util.Json;
import org.rmnist.testkit.jars.PluginJars;

/** Results can be trusted: inputs hashed, code recorded, writes whole, plugin Errors contained. */
class TrustTest {
  @TempDir Path tmp;

  private Path plugins;
  private Path results;
  private Path home;
  private Path data;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private String previousHome;

  private static final String EXPERIMENT =
      """
      name: trust
      datasets:
        tiny: {id: files, n: [1, 2], params: {path: %s}}
      runs:
        good: {id: centroid, trainSeeds: [0, 1]}
      splits: [validation, test]
      """;

  @BeforeEach
  void setUp() throws IOException {
    plugins = tmp.resolve("plugins");
    results = tmp.resolve("results");
    home = tmp.resolve("home");
    data = home.resolve("tiny");
    Files.createDirectories(data);
    Files.writeString(data.resolve("tiny.bin"), "first version of the data");
    previousHome = System.getProperty("rmnist.home");
    System.setProperty("rmnist.home", home.toString());
    PluginJars.build(
        plugins,
        "fixture-files",
        "1.0.0",
        Map.of("fixture/files/FileDataset.java", PluginJars.fixture("FileDataset.java")));
    buildModel("nearest class mean");
    PluginJars.build(
        plugins,
        "fixture-broken",
        "1.0.0",
        Map.of("fixture/broken/ErrorModel.java", PluginJars.fixture("ErrorModel.java")));
    PluginJars.build(
        plugins,
        "fixture-features",
        "1.0.0",
        Map.of("fixture/features/SumExtractor.java", PluginJars.fixture("SumExtractor.java")));
  }

  @AfterEach
  void restoreHome() {
    if (previousHome == null) {
      System.clearProperty("rmnist.home");
    } else {
      System.setProperty("rmnist.home", previousHome);
    }
  }

  private void buildModel(String summary) {
    HostFixtures.model(plugins, "nearest class mean", summary);
  }

  private String experiment() {
    return EXPERIMENT.formatted(data);
  }

  private Runner.Outcome run(String yaml, boolean rerunStale, String... overrides)
      throws IOException {
    return run(yaml, rerunStale, Progress.NONE, overrides);
  }

  private Runner.Outcome run(
      String yaml, boolean rerunStale, Progress progress, String... overrides) throws IOException {
    Path f = tmp.resolve("trust.yaml");
    Files.writeString(f, yaml);
    var loaded = ExperimentLoader.load(f, List.of(overrides));
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      return new Runner(
              host,
              new HostDataContext(null, Progress.NONE),
              progress,
              new PrintStream(logBytes, true, StandardCharsets.UTF_8),
              rerunStale,
              home)
          .run(loaded, results);
    }
  }

  private Runner.Outcome run(String yaml, String... overrides) throws IOException {
    return run(yaml, false, overrides);
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  private Path experimentDir() {
    return results.resolve("trust");
  }

  private List<Path> runDirs() throws IOException {
    try (Stream<Path> s = Files.list(experimentDir().resolve("runs"))) {
      return s.sorted().toList();
    }
  }

  private int resultRows() throws IOException {
    return Files.readAllLines(experimentDir().resolve("results.jsonl")).size();
  }

  @Test
  void theDataFilesHashIsPartOfEveryRunAndAChangedFileMakesNewRuns() throws IOException {
    Runner.Outcome first = run(experiment());
    assertEquals(4, first.ran(), first.failures().toString());
    Map<?, ?> config =
        Json.MAPPER.readValue(runDirs().get(0).resolve("config.json").toFile(), Map.class);
    assertEquals(
        Map.of("tiny.bin", FileHashes.content(data.resolve("tiny.bin"))),
        config.get("data_sha256"));
    assertEquals(0, run(experiment()).ran(), "unchanged data: every run is done");
    Files.writeString(data.resolve("tiny.bin"), "corrected labels");
    Runner.Outcome fixed = run(experiment());
    assertEquals(4, fixed.ran(), "runs made from the old file are not reused");
    assertEquals(4, resultRows(), "results list the current data's runs only");
  }

  @Test
  void aFileThatDiffersFromItsManifestStopsBeforeAnythingIsWritten() throws IOException {
    String expected = "0".repeat(64);
    Files.createDirectories(home.resolve("data/tiny"));
    Files.writeString(
        home.resolve("data/tiny/manifest.yaml"),
        """
        name: tiny
        description: test data
        license: none
        files:
          - {name: tiny.bin, sha256: %s}
        """
            .formatted(expected));
    DataFormatException e = assertThrows(DataFormatException.class, () -> run(experiment()));
    String actual = FileHashes.content(data.resolve("tiny.bin"));
    assertTrue(
        e.getMessage()
            .startsWith(
                data.resolve("tiny.bin")
                    + ": the SHA-256 of its "
                    + "content is "
                    + actual
                    + ", but "
                    + home.resolve("data/tiny/manifest.yaml")
                    + " expects "
                    + expected),
        e.getMessage());
    assertFalse(Files.exists(experimentDir()), "nothing trained, nothing written");
    Files.writeString(
        home.resolve("data/tiny/manifest.yaml"),
        Files.readString(home.resolve("data/tiny/manifest.yaml")).replace(expected, actual));
    assertEquals(4, run(experiment()).ran(), "the pinned file trains");
  }

  @Test
  void aMissingDataFolderIsReportedOnceBeforeAnyRun() throws IOException {
    String missing = EXPERIMENT.formatted(tmp.resolve("nowhere"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> run(missing));
    assertEquals(tmp.resolve("nowhere/tiny.bin").toString(), e.getFile());
    assertEquals("tiny data not found; put it there", e.getReason());
    assertFalse(Files.exists(experimentDir()));
    Path f = tmp.resolve("trust.yaml");
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      Runner.DryRun dry =
          new Runner(
                  host,
                  new HostDataContext(null, Progress.NONE),
                  Progress.NONE,
                  new PrintStream(logBytes),
                  false,
                  home)
              .dryRun(ExperimentLoader.load(f, List.of()), results);
      assertEquals(4, dry.lines().size());
      assertTrue(dry.lines().stream().allMatch(l -> l.startsWith("todo")), dry.lines().toString());
      assertEquals(1, dry.notes().size(), "one note for the data set, not one per run");
      assertEquals(
          tmp.resolve("nowhere/tiny.bin")
              + ": tiny data not found; put it there "
              + "(needed by "
              + f
              + ": datasets.tiny)",
          dry.notes().get(0));
    }
  }

  @Test
  void aRejectedCommandLeavesProvenanceAsItWas() throws IOException {
    run(experiment());
    Path provenance = experimentDir().resolve("provenance.json");
    String before = Files.readString(provenance);
    ConfigException e =
        assertThrows(ConfigException.class, () -> run(experiment(), "runs.good.params.nope=1"));
    assertTrue(e.getMessage().contains("runs.good.params.nope: unknown parameter"), e.getMessage());
    assertThrows(ConfigException.class, () -> run(experiment().replace("centroid", "centroyd")));
    assertEquals(before, Files.readString(provenance));
  }

  @Test
  void anEmptyOrPartialDoneJsonRerunsItsRunAndNamesTheFile() throws IOException {
    run(experiment());
    Path done = runDirs().get(0).resolve("done.json");
    String whole = Files.readString(done);
    Files.writeString(done, whole.substring(0, whole.length() / 2));
    Path empty = runDirs().get(1).resolve("done.json");
    Files.writeString(empty, "");
    Runner.Outcome again = run(experiment());
    assertTrue(log().contains("warning: " + done + " is empty or partial"), log());
    assertTrue(log().contains("warning: " + empty + " is empty or partial"), log());
    assertEquals(2, again.ran());
    assertEquals(2, again.skipped(), "the other runs are kept");
    assertEquals(4, resultRows());
    assertEquals(
        Json.MAPPER.readValue(whole, Map.class).get("hash"),
        Json.MAPPER.readValue(done.toFile(), Map.class).get("hash"),
        "written whole again");
  }

  @Test
  void tempFilesLeftByAKilledWriteAreRemovedOnTheNextRun() throws IOException {
    run(experiment());
    Path runTmp = runDirs().get(0).resolve(".done.json.1a2b3c4d.tmp");
    Path topTmp = experimentDir().resolve(".results.jsonl.5e6f7a8b.tmp");
    Files.writeString(runTmp, "{\"hash\": \"12");
    Files.writeString(topTmp, "{\"experiment\"");
    java.nio.file.attribute.FileTime old =
        java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
    Files.setLastModifiedTime(runTmp, old);
    Files.setLastModifiedTime(topTmp, old);
    Path cache = Files.createDirectories(results.resolve(".cache/features/ab"));
    Path inFlight =
        Files.writeString(
            cache.resolve(".ab12.f32." + ProcessHandle.current().pid() + "-3.tmp"), "writing");
    Runner.Outcome again = run(experiment());
    assertFalse(Files.exists(runTmp));
    assertFalse(Files.exists(topTmp));
    assertTrue(Files.exists(inFlight), "another experiment's write in flight is left alone");
    assertTrue(log().contains("removed " + runTmp + ", left by a write that was killed"), log());
    assertEquals(0, again.ran(), "results themselves were whole");
  }

  @Test
  void aPluginErrorFailsOnlyItsRunAndNamesThePluginAndTheClass() throws IOException {
    String yaml =
        experiment()
            .replace(
                "good: {id: centroid, trainSeeds: [0, 1]}",
                "good: {id: centroid, trainSeeds: [0, 1]}\n  bad: {id: broken}");
    Runner.Outcome out = run(yaml);
    assertEquals(2, out.failures().size(), out.failures().toString());
    String first = out.failures().get(0);
    assertTrue(
        first.contains(
            "bad tiny n=1 draw=0 seed=0: failed: plugin fixture-broken "
                + "(model 'broken', training) needs class com.example.MissingLibrary, which neither its "
                + "jar nor the host provides (NoClassDefFoundError)"),
        first);
    assertEquals(4, out.ran(), "every good run finished");
    assertEquals(4, resultRows());
    assertTrue(Files.readString(experimentDir().resolve("summary.md")).contains("| good |"));

    Runner.Outcome oom = run(yaml, "runs.bad.params.error=oom");
    assertTrue(
        oom.failures()
            .get(0)
            .contains(
                "out of memory in plugin fixture-broken (model "
                    + "'broken', training): Java heap space (heap limit "),
        oom.failures().toString());
    assertTrue(
        oom.failures()
            .get(0)
            .contains(
                "give Java more heap with RMNIST_JAVA_OPTS, e.g. " + "RMNIST_JAVA_OPTS=-Xmx16g"),
        oom.failures().toString());
    assertEquals(0, oom.ran());
    assertEquals(4, resultRows(), "nothing computed is lost");
  }

  @Test
  void runsMadeByAnotherPluginJarAreReportedAndRerunOnRequest() throws IOException {
    run(experiment());
    buildModel("nearest class mean, changed");
    Runner.Outcome stale = run(experiment());
    assertEquals(0, stale.ran(), "kept without --rerun-stale");
    assertEquals(4, stale.stale().size(), stale.stale().toString());
    assertTrue(
        stale
            .stale()
            .get(0)
            .startsWith("good tiny n=1 draw=0 seed=0 (plugin " + "fixture-model: jar "),
        stale.stale().get(0));
    assertTrue(stale.summary().contains("Made by other code: 4 finished runs"), stale.summary());
    assertTrue(stale.summary().contains("--rerun-stale` trains them again"), stale.summary());
    Runner.Outcome rerun = run(experiment(), true);
    assertEquals(4, rerun.ran());
    assertTrue(rerun.stale().isEmpty(), rerun.stale().toString());
    Runner.Outcome after = run(experiment());
    assertTrue(after.stale().isEmpty() && after.ran() == 0, after.stale().toString());
    Map<?, ?> done =
        Json.MAPPER.readValue(runDirs().get(0).resolve("done.json").toFile(), Map.class);
    Map<?, ?> code = (Map<?, ?>) done.get("code");
    assertEquals(
        FileHashes.bytes(plugins.resolve("fixture-model.jar")),
        ((Map<?, ?>) ((Map<?, ?>) code.get("plugins")).get("fixture-model")).get("sha256"));
    assertTrue(
        code.containsKey("cpu") && code.containsKey("engines") && code.containsKey("git_commit"),
        code.toString());
  }

  private String withEnsemble() {
    return experiment()
        .replace(
            "good: {id: centroid, trainSeeds: [0, 1]}",
            "good: {id: centroid, trainSeeds: [0, 1]}\n  avg: {ensemble: {members: [good]}, "
                + "trainSeeds: [0, 1]}");
  }

  @Test
  void anEnsembleOfRunsMadeByAnotherPluginJarIsStaleAndAveragedAgain() throws IOException {
    assertEquals(8, run(withEnsemble()).ran());
    buildModel("nearest class mean, changed");
    Runner.Outcome stale = run(withEnsemble());
    assertEquals(8, stale.stale().size(), stale.stale().toString());
    assertTrue(
        stale.stale().stream().anyMatch(s -> s.startsWith("avg tiny n=1 draw=0 seed=0 (plugin ")),
        stale.stale().toString());
    assertEquals(8, run(withEnsemble(), true).ran(), "members and ensembles run again");
    assertTrue(run(withEnsemble()).stale().isEmpty());
  }

  @Test
  void anEnsembleIsAveragedAgainWhenAMemberRanAgain() throws IOException {
    run(withEnsemble());
    Path member = runDir("good__tiny-n1-d0-s0__");
    Files.delete(member.resolve("done.json"));
    Runner.Outcome again = run(withEnsemble());
    assertEquals(2, again.ran(), "the member and its ensemble");
    assertTrue(
        log().contains("avg tiny n=1 draw=0 seed=0: a member ran again, so it is averaged again"),
        log());
    assertEquals(8, resultRows(), "each run listed once");
  }

  @Test
  void aFailedRerunOfAStaleRunKeepsItsOldResultAndNoRunIsListedTwice() throws IOException {
    run(experiment());
    Path done = runDirs().get(0).resolve("done.json");
    String before = Files.readString(done);
    HostFixtures.model(plugins, "c.failAtSize() == train.size()", "true");
    Runner.Outcome failed = run(experiment(), true);
    assertEquals(4, failed.failures().size(), failed.failures().toString());
    assertEquals(before, Files.readString(done), "the old result stays");
    assertEquals(4, resultRows());

    buildModel("nearest class mean, changed");
    List<Integer> rows = new java.util.ArrayList<>();
    Progress watch =
        new Progress() {
          @Override
          public void start(String task, long total) {}

          @Override
          public void advance(long steps) {
            try {
              rows.add(resultRows());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }

          @Override
          public void done() {}
        };
    assertEquals(4, run(experiment(), true, watch).ran());
    assertEquals(List.of(1, 2, 3, 4), rows, "each rerun replaces its row, never adds a second");
    assertEquals(4, resultRows());
  }

  private Path runDir(String prefix) throws IOException {
    return runDirs().stream()
        .filter(p -> p.getFileName().toString().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anEnsembleNeverAveragesAMemberThatIsNotFinished() throws IOException {
    run(withEnsemble());
    Path member = runDir("good__tiny-n1-d0-s0__");
    Files.delete(member.resolve("done.json"));
    Files.delete(runDir("avg__tiny-n1-d0-s0__").resolve("done.json"));
    HostFixtures.model(plugins, "c.failAtSize() == train.size()", "true");
    Runner.Outcome out = run(withEnsemble());
    assertEquals(2, out.failures().size(), out.failures().toString());
    assertTrue(
        out.failures()
            .get(1)
            .endsWith(
                "avg tiny n=1 draw=0 seed=0: failed: "
                    + member.resolve("done.json")
                    + ": member good tiny n=1 draw=0 seed=0 of ensemble avg has not finished "
                    + "(it failed or was stopped), so it cannot be averaged"),
        out.failures().toString());
    assertFalse(Files.exists(runDir("avg__tiny-n1-d0-s0__").resolve("done.json")));
  }

  @Test
  void featuresComputedByAnotherExtractorJarAreNotReused() throws IOException {
    String yaml =
        experiment()
            .replace(
                "good: {id: centroid, trainSeeds: [0, 1]}",
                "good: {id: centroid, trainSeeds: [0, 1], features: {id: sums}}");
    assertEquals(4, run(yaml).ran());
    PluginJars.build(
        plugins,
        "fixture-features",
        "1.0.0",
        Map.of(
            "fixture/features/SumExtractor.java",
            PluginJars.fixture("SumExtractor.java", "row and column sums", "sums, fixed")));
    Runner.Outcome rerun = run(yaml, true);
    assertEquals(4, rerun.ran(), rerun.failures().toString());
    Map<?, ?> metrics =
        Json.MAPPER.readValue(runDirs().get(0).resolve("metrics.json").toFile(), Map.class);
    Map<?, ?> facts = (Map<?, ?>) metrics.get("features");
    assertEquals("computed", facts.get("train_cache"), "the fixed extractor computes them anew");
    assertEquals("computed", facts.get("validation_cache"));
  }

  @Test
  void aTestSetThatFailsToLoadIsNotCalledAbsent() throws IOException {
    Runner.Outcome corrupt =
        run(experiment().replace("params: {path:", "params: {test: corrupt, path:"));
    assertEquals(4, corrupt.failures().size());
    assertTrue(
        corrupt.failures().get(0).contains("t10k.bin: corrupt test set"),
        corrupt.failures().toString());
    assertFalse(corrupt.summary().contains("Test set: absent"), corrupt.summary());
    assertTrue(corrupt.summary().contains("No test accuracy: 4 runs failed"), corrupt.summary());
    assertTrue(run(experiment()).summary().contains("Test set: absent"));
  }

  @Test
  void aModelFileIsHashedAndOneThatDiffersFromItsManifestStopsTheRun() throws IOException {
    Files.createDirectories(home.resolve("models"));
    Path model = home.resolve("models/tinynet.bin");
    Files.writeString(model, "weights");
    String manifest =
        """
        name: tinynet
        description: test network
        license: none
        source: a test
        file: tinynet.bin
        sha256: %s
        extractor: sums
        params: {scale: 2}
        """;
    Files.writeString(
        home.resolve("models/tinynet.yaml"), manifest.formatted(FileHashes.bytes(model)));
    String yaml =
        experiment()
            .replace(
                "good: {id: centroid, trainSeeds: [0, 1]}",
                "good: {id: centroid, features: {manifest: tinynet}}");
    Runner.Outcome ok = run(yaml);
    assertTrue(ok.failures().isEmpty(), ok.failures().toString());
    Map<?, ?> config =
        Json.MAPPER.readValue(runDirs().get(0).resolve("config.json").toFile(), Map.class);
    assertEquals(FileHashes.bytes(model), ((Map<?, ?>) config.get("features")).get("model_sha256"));

    Files.writeString(model, "tampered weights");
    DataFormatException e = assertThrows(DataFormatException.class, () -> run(yaml));
    assertTrue(
        e.getMessage()
            .startsWith(
                model
                    + ": its SHA-256 is "
                    + FileHashes.bytes(model)
                    + ", but model manifest "
                    + home.resolve("models/tinynet.yaml")
                    + " expects "),
        e.getMessage());

    Files.delete(model);
    NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> run(yaml));
    assertTrue(
        missing.getReason().startsWith("the file of model 'tinynet' is missing"),
        missing.getReason());
    assertEquals(2, resultRows(), "the earlier results are untouched");
  }

  private int cli(ByteArrayOutputStream err, String... args) {
    PrintStream out = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream()));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return RmnistCli.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(oldErr);
    }
  }

  @Test
  void theCommandLineExitsTwoOnATamperedFileAndOffersToRerunStaleRuns() throws IOException {
    Path f = tmp.resolve("trust.yaml");
    Files.writeString(f, experiment());
    String[] args = {
      "run", f.toString(), "--results-dir", results.toString(), "--plugins", plugins.toString()
    };
    assertEquals(0, cli(new ByteArrayOutputStream(), args));
    buildModel("nearest class mean, changed");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, cli(err, args), "stale runs are kept, not failed");
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains(
                "4 finished runs were made by "
                    + "other code (see summary.md); `rmnist run "
                    + f
                    + " --rerun-stale` trains them again"),
        err.toString(StandardCharsets.UTF_8));
    String[] rerun = java.util.Arrays.copyOf(args, args.length + 1);
    rerun[args.length] = "--rerun-stale";
    assertEquals(0, cli(new ByteArrayOutputStream(), rerun));
    assertTrue(Files.readString(experimentDir().resolve("summary.md")).contains("| good |"));

    Files.createDirectories(home.resolve("data/tiny"));
    Files.writeString(
        home.resolve("data/tiny/manifest.yaml"),
        """
        name: tiny
        description: test data
        license: none
        files:
          - {name: tiny.bin, sha256: %s}
        """
            .formatted("f".repeat(64)));
    String before = Files.readString(experimentDir().resolve("provenance.json"));
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    assertEquals(2, cli(bad, args));
    assertTrue(
        bad.toString(StandardCharsets.UTF_8)
            .contains("error: " + data.resolve("tiny.bin") + ": the SHA-256 of its content is "),
        bad.toString(StandardCharsets.UTF_8));
    assertEquals(before, Files.readString(experimentDir().resolve("provenance.json")));
  }
}
