package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.Progress;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Json;
import org.rmnist.testkit.jars.PluginJars;

class RunnerTest {
  @TempDir Path tmp;

  private Path plugins;
  private Path results;

  private static final String EXPERIMENT =
      """
      name: demo
      datasets:
        syn: {id: synthetic, n: [1, 5]}
      runs:
        a: {id: centroid, trainSeeds: [0, 1], reference: {1: 41.85}}
        b:
          id: centroid
          augment: {copies: 2, steps: [{id: invert, p: 0.5, params: {lo: 0.2}}]}
      splits: [validation, test]
      """;

  @BeforeEach
  void buildPlugins() {
    plugins = tmp.resolve("plugins");
    results = tmp.resolve("results");
    HostFixtures.data(plugins);
    HostFixtures.model(plugins);
    PluginJars.build(
        plugins,
        "fixture-aug",
        "1.0.0",
        Map.of(
            "fixture/aug/InvertAugmentation.java", PluginJars.fixture("InvertAugmentation.java"),
            "fixture/aug/RollAugmentation.java", PluginJars.fixture("RollAugmentation.java")));
    PluginJars.build(
        plugins,
        "fixture-features",
        "1.0.0",
        Map.of("fixture/features/SumExtractor.java", PluginJars.fixture("SumExtractor.java")));
  }

  private Runner.Outcome run(String yaml, String... overrides) throws IOException {
    Path f = tmp.resolve("demo.yaml");
    Files.writeString(f, yaml);
    var loaded = ExperimentLoader.load(f, List.of(overrides));
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      PrintStream log = new PrintStream(new ByteArrayOutputStream());
      return new Runner(host, new HostDataContext(null, Progress.NONE), Progress.NONE, log)
          .run(loaded, results);
    }
  }

  private List<Map<String, Object>> rows() throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(results.resolve("demo/results.jsonl"))) {
      rows.add(Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
    }
    return rows;
  }

  @Test
  void writesOneRowPerRunAndSplitAndNielsenStyleTable() throws IOException {
    Runner.Outcome out = run(EXPERIMENT);
    assertEquals(6, out.planned());
    assertEquals(6, out.ran());
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    List<Map<String, Object>> rows = rows();
    assertEquals(6, rows.size(), "validation only: the synthetic set has no test split");
    Map<String, Object> r = rows.get(0);
    for (String key :
        List.of(
            "experiment",
            "run",
            "dataset",
            "n",
            "protocol",
            "draw_seed",
            "train_seed",
            "model",
            "augment",
            "split",
            "accuracy",
            "seconds")) {
      assertTrue(r.containsKey(key), "missing key " + key + " in " + r);
    }
    assertEquals("synthetic", r.get("protocol"));
    double acc = ((Number) r.get("accuracy")).doubleValue();
    assertTrue(acc > 0.5, "nearest centroid on synthetic data beats chance: " + acc);
    assertTrue(out.summary().contains("| data set | a | b |"), out.summary());
    assertTrue(out.summary().contains("| RMNIST/1 | "), out.summary());
    assertTrue(out.summary().contains("[41.85]"), out.summary());
    assertTrue(out.summary().contains(" ± "), "two seeds give mean ± std: " + out.summary());
    assertTrue(out.summary().contains("Test set: absent"), out.summary());
    Path runDir = results.resolve("demo").resolve(r.get("run_dir").toString());
    assertTrue(Files.isRegularFile(runDir.resolve("confusion-validation.csv")));
    assertTrue(Files.isRegularFile(runDir.resolve("metrics.json")));
    Map<?, ?> prov =
        Json.MAPPER.readValue(results.resolve("demo/provenance.json").toFile(), Map.class);
    assertEquals(64, prov.get("config_sha256").toString().length());
    assertEquals(4, ((List<?>) prov.get("plugins")).size());
    assertTrue(((Map<?, ?>) prov.get("data")).containsKey("syn/5/0"), prov.toString());
    assertTrue(Files.readString(results.resolve("demo/summary.md")).contains("| RMNIST/5 |"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void leavesAReportAndEachRunsMistakesAndPreview() throws IOException {
    run(EXPERIMENT);
    Path dir = results.resolve("demo");
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<table class=\"summary\" data-split=\"validation\">"), html);
    Map<String, Integer> previewWidth = new java.util.HashMap<>();
    for (Map<String, Object> r : rows()) {
      Path runDir = dir.resolve(r.get("run_dir").toString());
      Map<String, Object> m =
          Json.MAPPER.readValue(runDir.resolve("mistakes-validation.json").toFile(), Map.class);
      List<String> lines = Files.readAllLines(runDir.resolve("confusion-validation.csv"));
      int wrong = 0;
      for (int t = 1; t < lines.size(); t++) {
        String[] cells = lines.get(t).split(",");
        for (int p = 1; p < cells.length; p++) {
          wrong += t == p ? 0 : Integer.parseInt(cells[p]);
        }
      }
      assertEquals(
          wrong, m.get("wrong"), "the mistakes file counts what the confusion matrix does");
      List<Map<String, Object>> images = (List<Map<String, Object>>) m.get("images");
      assertEquals(Math.min(ReportArtifacts.MISTAKES, wrong), images.size());
      double last = 1;
      for (Map<String, Object> i : images) {
        assertTrue(!i.get("label").equals(i.get("predicted")), "a mistake: " + i);
        double c = ((Number) i.get("confidence")).doubleValue();
        assertTrue(c <= last, "most confident first");
        last = c;
      }
      var png = javax.imageio.ImageIO.read(runDir.resolve("preview.png").toFile());
      previewWidth.put(r.get("run").toString(), png.getWidth());
    }
    assertTrue(
        previewWidth.get("b") > previewWidth.get("a"),
        "b's preview shows its inverted copies beside the originals, a's the originals alone: "
            + previewWidth);
    // a second run over the finished folder leaves the files as they are
    long before =
        Files.getLastModifiedTime(
                dir.resolve(rows().get(0).get("run_dir").toString()).resolve("preview.png"))
            .toMillis();
    run(EXPERIMENT);
    assertEquals(
        before,
        Files.getLastModifiedTime(
                dir.resolve(rows().get(0).get("run_dir").toString()).resolve("preview.png"))
            .toMillis());
  }

  @Test
  void augmentationExpandsTheTrainingSet() throws IOException {
    run(EXPERIMENT);
    Path b =
        results
            .resolve("demo/runs")
            .resolve(
                rows().stream()
                    .filter(x -> x.get("run").equals("b") && x.get("n").equals(5))
                    .findFirst()
                    .orElseThrow()
                    .get("run_dir")
                    .toString()
                    .substring(5));
    Map<?, ?> metrics = Json.MAPPER.readValue(b.resolve("metrics.json").toFile(), Map.class);
    assertEquals(150, metrics.get("train_images"), "50 originals + 2 copies each");
    assertTrue(
        rows().get(2).get("augment").toString().startsWith("invert(p=0.5) x2"),
        rows().get(2).toString());
  }

  private Map<?, ?> metrics(String run, int n) throws IOException {
    String dir =
        rows().stream()
            .filter(x -> x.get("run").equals(run) && x.get("n").equals(n))
            .findFirst()
            .orElseThrow()
            .get("run_dir")
            .toString();
    return Json.MAPPER.readValue(
        results.resolve("demo").resolve(dir).resolve("metrics.json").toFile(), Map.class);
  }

  private static final String MORE =
      """
      name: demo
      datasets:
        syn: {id: synthetic, n: [2]}
      runs:
        enum:
          id: centroid
          augment: {mode: enumerate, steps: [{id: roll, params: {max: 2}}, {id: roll}]}
        fly:
          id: centroid
          params: {epochs: 3}
          onTheFly: [{id: roll, params: {max: 3}}]
          trainSeeds: [0, 1]
        plain: {id: centroid, trainSeeds: [0, 1]}
        both: {ensemble: {members: [fly, plain]}, trainSeeds: [0, 1]}
        all: {ensemble: {members: [plain], acrossSeeds: true}}
      """;

  @Test
  void enumerateExpandsByEveryCombination() throws IOException {
    run(MORE);
    assertEquals(9 * 20, metrics("enum", 2).get("train_images"), "3 x 3 rolls, no originals");
    assertTrue(
        rows().get(0).get("augment").toString().equals("roll+roll enumerated"),
        rows().get(0).toString());
  }

  @Test
  void onTheFlyGivesEachEpochFreshImages() throws IOException {
    run(MORE);
    Map<?, ?> facts = (Map<?, ?>) metrics("fly", 2).get("facts");
    assertEquals(true, facts.get("on_the_fly_changed_images"));
    assertEquals(60, facts.get("train_size"), "3 epochs of 20 images");
    assertEquals(20, ((Map<?, ?>) metrics("plain", 2).get("facts")).get("train_size"));
  }

  @Test
  void ensemblesAverageTheirMembersSavedProbabilities() throws IOException {
    Runner.Outcome out = run(MORE);
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    List<Map<String, Object>> rows = rows();
    assertEquals(2, rows.stream().filter(x -> x.get("run").equals("both")).count());
    Map<String, Object> all =
        rows.stream().filter(x -> x.get("run").equals("all")).findFirst().orElseThrow();
    assertEquals(-1, all.get("train_seed"));
    assertEquals("ensemble", all.get("model"));
    double plain =
        ((Number)
                rows.stream()
                    .filter(x -> x.get("run").equals("plain"))
                    .findFirst()
                    .orElseThrow()
                    .get("accuracy"))
            .doubleValue();
    assertEquals(
        plain,
        ((Number) all.get("accuracy")).doubleValue(),
        1e-12,
        "the centroid model ignores its seed, so averaging its seeds changes nothing");
    assertTrue(
        out.summary().contains("| data set | enum | fly | plain | both | all |"), out.summary());
  }

  @Test
  void anEnsembleNeedsItsMembersAtEverySeed() throws IOException {
    String bad =
        MORE.replace(
            "both: {ensemble: {members: [fly, plain]}, trainSeeds: [0, 1]}",
            "both: {ensemble: {members: [fly, enum]}, trainSeeds: [0, 1]}");
    org.rmnist.host.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class, () -> run(bad));
    assertTrue(
        e.getMessage().contains("runs.both.ensemble: every member needs training seed 1"),
        e.getMessage());
  }

  @Test
  void anEnsembleAcrossSeedsNeedsEveryMember() throws IOException {
    org.rmnist.host.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class,
            () -> run(MORE, "runs.plain.enabled=false", "runs.both.enabled=false"));
    assertTrue(
        e.getMessage()
            .endsWith(
                ": runs.all.ensemble: member 'plain' has no runs to average (members [plain] "
                    + "must each be an enabled run of a model, not an ensemble)"),
        e.getMessage());
    assertFalse(Files.exists(results.resolve("demo")), "nothing written");
  }

  private static final String SEARCH =
      """
      name: demo
      datasets:
        syn: {id: synthetic, n: [3], params: {test: 30}}
      runs:
        fly: {id: centroid, params: {epochs: 1}, onTheFly: [{id: roll}], trainSeeds: [0, 1]}
      search:
        run: fly
        method: anneal
        steps: 2
        space:
          epochs: {min: 1, max: 4, integer: true, factor: 2}
      """;

  @Test
  void searchScoresCandidatesOnValidationAndReportsTestOnce() throws IOException {
    Runner.Outcome out = run(SEARCH);
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    assertEquals(4, out.ran(), "2 candidates x 2 seeds");
    assertTrue(
        Files.readString(results.resolve("demo/report.html")).contains("<td data-run="),
        "a search leaves a report of its candidates too");
    List<String> log = Files.readAllLines(results.resolve("demo/search.jsonl"));
    assertEquals(2, log.size());
    assertTrue(log.get(0).contains("\"params\":{\"epochs\":1}"), log.get(0));
    assertTrue(
        log.get(1).contains("\"params\":{\"epochs\":2}"),
        "anneal doubles or halves, " + "clamped to [1, 4]: " + log.get(1));
    assertTrue(out.summary().contains("Chosen on validation: step "), out.summary());
    assertTrue(
        out.summary()
            .contains(
                "Test accuracy of the chosen configuration (reported once, "
                    + "not used to choose)"),
        out.summary());
    Runner.Outcome again = run(SEARCH);
    assertEquals(0, again.ran(), "the same search resumes from its finished candidates");
  }

  @Test
  void searchSpaceMustNameModelParameters() throws IOException {
    org.rmnist.host.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class,
            () -> run(SEARCH.replace("epochs: {min", "epoch: {min")));
    assertTrue(
        e.getMessage()
            .contains(
                "search.space.epoch: not a parameter of 'centroid'; "
                    + "parameters: sleepMillis, failAtSize, epochs"),
        e.getMessage());
  }

  @Test
  void aRejectedSearchLeavesProvenanceAsItWas() throws IOException {
    run(SEARCH);
    Path provenance = results.resolve("demo/provenance.json");
    byte[] before = Files.readAllBytes(provenance);
    org.rmnist.host.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class,
            () -> run(SEARCH.replace("epochs: {min", "epoch: {min")));
    assertTrue(e.getMessage().contains("search.space.epoch: not a parameter"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(provenance));
  }

  @Test
  void paramsByNApplyToTheirNOnly() throws IOException {
    run(EXPERIMENT, "runs.a.paramsByN={5: {sleepMillis: 3}}");
    for (Map<String, Object> r : rows()) {
      if (r.get("run").equals("a")) {
        int expected = r.get("n").equals(5) ? 3 : 0;
        assertEquals(expected, ((Map<?, ?>) r.get("params")).get("sleepMillis"), r.toString());
      }
    }
  }

  @Test
  void rerunSkipsFinishedRunsAndAChangedParameterRerunsOnlyItsRuns() throws IOException {
    run(EXPERIMENT);
    String before = Files.readString(results.resolve("demo/results.jsonl"));
    Runner.Outcome again = run(EXPERIMENT);
    assertEquals(0, again.ran());
    assertEquals(6, again.skipped());
    assertEquals(before, Files.readString(results.resolve("demo/results.jsonl")));
    Runner.Outcome changed = run(EXPERIMENT, "runs.a.params.sleepMillis=1");
    assertEquals(4, changed.ran(), "run a: 2 n × 2 seeds");
    assertEquals(2, changed.skipped());
    assertEquals(6, rows().size(), "results list the current plan only");
  }

  @Test
  void aFailingRunIsReportedAndTheOthersFinish() throws IOException {
    Runner.Outcome out = run(EXPERIMENT, "runs.a.params.failAtSize=10");
    assertEquals(2, out.failures().size(), out.failures().toString());
    assertTrue(out.failures().get(0).contains("asked to fail at 10 images"));
    assertEquals(4, rows().size());
  }

  @Test
  void testSplitIsEvaluatedWhenPresent() throws IOException {
    run(EXPERIMENT, "datasets.syn.params={test: 40}");
    List<Map<String, Object>> rows = rows();
    assertEquals(12, rows.size());
    assertEquals(6, rows.stream().filter(x -> x.get("split").equals("test")).count());
  }

  /** A run killed mid-experiment resumes: finished runs are kept, the rest run. */
  @Test
  void killedExperimentResumes() throws Exception {
    Path f = tmp.resolve("demo.yaml");
    Files.writeString(f, EXPERIMENT);
    Path runs = results.resolve("demo/runs");
    Process p =
        new ProcessBuilder(
                HostFixtures.runCommand(
                    plugins,
                    f,
                    results,
                    "runs.a.params.sleepMillis=1500",
                    "runs.b.params.sleepMillis=1500"))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("log.txt").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (countDone(runs) < 2 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(100);
    }
    p.destroyForcibly().waitFor();
    int done = countDone(runs);
    assertTrue(
        done >= 2 && done < 6,
        "killed after " + done + " runs: " + Files.readString(tmp.resolve("log.txt")));
    int listed = rows().size();
    assertTrue(
        listed == done || listed == done - 1,
        "results.jsonl parses and lags done.json by at most the run being recorded: " + listed);
    Runner.Outcome resumed =
        run(EXPERIMENT, "runs.a.params.sleepMillis=1500", "runs.b.params.sleepMillis=1500");
    assertEquals(done, resumed.skipped());
    assertEquals(6 - done, resumed.ran());
    assertEquals(6, rows().size());
  }

  @Test
  void aFinishedRunCopiedIntoAnotherExperimentIsReusedUnderItsNewName() throws IOException {
    run(EXPERIMENT);
    Path from = results.resolve("demo/runs");
    Path to = results.resolve("copy/runs");
    Files.createDirectories(to);
    for (Path d : Files.list(from).toList()) {
      String name = d.getFileName().toString();
      if (name.startsWith("a__")) {
        Path target = to.resolve("renamed__" + name.substring(3));
        Files.createDirectories(target);
        for (Path f : Files.list(d).toList()) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    }
    String copy = EXPERIMENT.replace("name: demo", "name: copy").replace("  a: {", "  renamed: {");
    Runner.Outcome out = run(copy);
    assertEquals(4, out.skipped(), "both seeds at both n were copied");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(results.resolve("copy/results.jsonl"))) {
      rows.add(Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
    }
    assertTrue(rows.stream().noneMatch(r -> r.get("run").equals("a")), rows.toString());
    assertEquals(
        4,
        rows.stream()
            .filter(r -> r.get("run").equals("renamed") && r.get("experiment").equals("copy"))
            .count(),
        "4 runs, validation only");
    assertTrue(Files.readString(results.resolve("copy/summary.md")).contains("| renamed |"));
  }

  private String features(String log) {
    return """
        name: demo
        datasets:
          syn: {id: synthetic, n: [5]}
        runs:
          raw: {id: centroid}
          sums:
            id: centroid
            features: {id: sums, params: {log: %s}}
          scaled:
            id: centroid
            features: {id: sums, params: {scale: 3, log: %s}, standardize: true}
          shifted:
            id: centroid
            augment: {copies: 1, steps: [{id: roll, params: {max: 2}}]}
            features: {id: sums, params: {log: %s}}
        splits: [validation, test]
        """
        .formatted(log, log, log);
  }

  @Test
  void featuresFeedTheModelAndAreComputedOncePerImageSet() throws IOException {
    Path log = tmp.resolve("extract.log");
    Runner.Outcome first = run(features(log.toString()));
    assertTrue(first.failures().isEmpty(), first.failures().toString());
    Map<?, ?> sums = metrics("sums", 5);
    Map<?, ?> facts = (Map<?, ?>) sums.get("features");
    assertEquals(8, facts.get("dimension"));
    assertEquals("computed", facts.get("train_cache"));
    assertEquals("computed", facts.get("validation_cache"));
    // scaled: another cache key, so computed again; shifted: new training images (rolled
    // copies), but the same validation images as sums: those come from the cache.
    Map<?, ?> shifted = (Map<?, ?>) metrics("shifted", 5).get("features");
    assertEquals("computed", shifted.get("train_cache"));
    assertEquals("hit", shifted.get("validation_cache"));
    int calls = Files.readAllLines(log).size();
    assertEquals(2 + 2 + 1, calls, "sums: train, validation; scaled: both; shifted: train");
    // Centroids of standardised features differ from centroids of raw ones: accuracy changes.
    assertTrue(
        !metrics("raw", 5).get("validation_accuracy").equals(sums.get("validation_accuracy")),
        "features change what the model sees");

    Files.delete(results.resolve("demo/summary.md"));
    for (Path d : Files.list(results.resolve("demo/runs")).toList()) {
      if (d.getFileName().toString().startsWith("sums")) {
        Files.delete(d.resolve("done.json"));
      }
    }
    run(features(log.toString()));
    assertEquals(calls, Files.readAllLines(log).size(), "a rerun reads every feature from disk");
    assertEquals("hit", ((Map<?, ?>) metrics("sums", 5).get("features")).get("train_cache"));
  }

  @Test
  void featuresRefusePerEpochDistortions() throws IOException {
    String yaml =
        """
        name: demo
        datasets:
          syn: {id: synthetic, n: [5]}
        runs:
          bad:
            id: centroid
            onTheFly: [{id: roll}]
            features: {id: sums}
        """;
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class, () -> run(yaml));
    assertTrue(
        e.getMessage()
            .contains(
                "runs.bad.onTheFly: per-epoch distortions cannot be " + "combined with features"),
        e.getMessage());
    String unknown =
        yaml.replace("onTheFly: [{id: roll}]", "params: {}").replace("id: sums", "id: resnet");
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class, () -> run(unknown));
    assertTrue(e.getMessage().contains("runs.bad.features.id"), e.getMessage());
  }

  private static int countDone(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(runs)) {
      return (int) s.filter(d -> Files.isRegularFile(d.resolve("done.json"))).count();
    }
  }
}
