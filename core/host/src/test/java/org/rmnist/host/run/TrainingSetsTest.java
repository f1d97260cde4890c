package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.ConfigException;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Json;
import org.rmnist.testkit.jars.PluginJars;

/**
 * Data sets with {@code build}: the builder gets the pool and nothing else, its set replaces the
 * draw for every run of the data set, one build serves every run and experiment, and bad builders
 * and bad input fail with messages that name the key.
 */
class TrainingSetsTest {
  @TempDir Path tmp;

  private Path plugins;
  private Path results;
  private Path record;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    plugins = tmp.resolve("plugins");
    results = tmp.resolve("results");
    record = tmp.resolve("builds.txt");
    HostFixtures.data(plugins);
    HostFixtures.model(plugins);
    PluginJars.build(
        plugins,
        "fixture-builder",
        "1.0.0",
        Map.of("fixture/builder/FirstBuilder.java", PluginJars.fixture("FirstBuilder.java")));
    PluginJars.build(
        plugins,
        "fixture-features",
        "1.0.0",
        Map.of("fixture/features/SumExtractor.java", PluginJars.fixture("SumExtractor.java")));
  }

  private String experiment(String name, String dataParams, String build) {
    return """
        name: %s
        datasets:
          chosen:
            id: synthetic
            params: %s
            n: [2]
            build: %s
        runs:
          centroid: {id: centroid, trainSeeds: [0, 1]}
          again: {id: centroid, trainSeeds: [5]}
        splits: [validation, test]
        """
        .formatted(name, dataParams, build);
  }

  private String build(String extra) {
    return "{id: first-n, params: {record: '" + record + "'" + extra + "}}";
  }

  private Runner.Outcome run(String yaml) throws IOException {
    Path f = tmp.resolve("exp.yaml");
    Files.writeString(f, yaml);
    var loaded = ExperimentLoader.load(f, List.of());
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      return HostFixtures.runner(host, log, tmp.resolve("home")).run(loaded, results);
    }
  }

  private List<String> builds() throws IOException {
    return Files.exists(record) ? Files.readAllLines(record) : List.of();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rows(String experiment) throws IOException {
    return Files.readAllLines(results.resolve(experiment).resolve("results.jsonl")).stream()
        .map(
            l -> {
              try {
                return (Map<String, Object>) Json.MAPPER.readValue(l, Map.class);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList();
  }

  @Test
  void oneBuildServesEveryRunAndExperimentAndTheBuilderSeesOnlyThePool() throws IOException {
    Runner.Outcome first =
        run(experiment("first", "{validation: 200, test: 50, noise: 0.6}", build("")));
    assertTrue(first.failures().isEmpty(), first.failures().toString());
    assertEquals(3, first.ran());
    List<String> once = builds();
    // one build for three trained runs of two models: the set is cached
    assertEquals(1, once.size(), once.toString());
    // the pool is the data set's n = 0 training set (500 synthetic images), nothing more
    assertTrue(once.get(0).startsWith("size=500 "), once.get(0));
    assertTrue(once.get(0).contains(" n=2 features=0 "), once.get(0));
    // each run trained on 2 images per class: the built set, not a draw of the data set
    Map<String, Object> config =
        Json.MAPPER.readValue(
            Files.readString(
                first
                    .dir()
                    .resolve(rows("first").get(0).get("run_dir").toString())
                    .resolve("config.json")),
            Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> provenance = (Map<String, Object>) config.get("data_provenance");
    assertEquals("built:first-n", provenance.get("protocol"));
    // the builder's code is part of what made the result
    String done =
        Files.readString(
            first
                .dir()
                .resolve(rows("first").get(0).get("run_dir").toString())
                .resolve("done.json"));
    assertTrue(done.contains("fixture-builder"), done);
    assertEquals(20, provenance.get("train_indices").toString().split(",").length);

    // another experiment over the same data set and builder reuses the build
    run(experiment("second", "{validation: 200, test: 50, noise: 0.6}", build("")));
    assertEquals(1, builds().size());

    // other validation and test sets: a new build (the data set's config changed), and the
    // builder receives exactly the same pool, so neither split reaches it
    run(experiment("third", "{validation: 300, test: 0, noise: 0.6}", build("")));
    List<String> all = builds();
    assertEquals(2, all.size());
    assertEquals(all.get(0), all.get(1));
    // a different pool does change what it receives: the checksum is not blind
    run(experiment("fourth", "{validation: 300, test: 0, noise: 0.5}", build("")));
    assertNotEquals(all.get(0), builds().get(2));
  }

  @Test
  void aWorkerTrainsOtherRunsWhileAnotherBuildsItsSet() throws Exception {
    String data = "{validation: 200, test: 0, noise: 0.6}";
    assertTrue(run(experiment("first", data, build(""))).failures().isEmpty());
    assertEquals(1, builds().size());
    // the set is gone and another worker holds its build lock, as while it builds it
    Path set;
    try (var files = Files.walk(results.resolve(".cache").resolve("training-sets"))) {
      set = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Files.delete(set);
    String lockName = "." + set.getFileName().toString().replace(".json", ".lock");
    var held = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    Thread builder =
        new Thread(
            () -> {
              try {
                FolderLock.with(
                    set.getParent(),
                    lockName,
                    () -> {
                      held.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    });
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    builder.start();
    held.await();
    String yaml =
        experiment("second", data, build(""))
            .replace("runs:", "  plain: {id: synthetic, params: " + data + ", n: [2]}\nruns:");
    var outcome = new java.util.concurrent.atomic.AtomicReference<Runner.Outcome>();
    Thread worker =
        new Thread(
            () -> {
              try {
                outcome.set(run(yaml));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    worker.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (plainDone() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    String meanwhile = log.toString(StandardCharsets.UTF_8);
    // the plain runs came first, the built ones wait for the set without failing
    assertEquals(3, plainDone(), meanwhile);
    assertTrue(worker.isAlive(), meanwhile);
    assertTrue(
        meanwhile.contains("' is being built by another worker; training other runs meanwhile"),
        meanwhile);
    assertEquals(1, builds().size());
    release.countDown();
    builder.join();
    worker.join(60_000);
    Runner.Outcome out = outcome.get();
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    assertEquals(6, out.ran());
    assertEquals(2, builds().size()); // built again once the lock was free, then used
  }

  /** Builds fixture-aug (the {@code invert} augmentation) into the plugins folder. */
  private void invertPlugin() {
    PluginJars.build(
        plugins,
        "fixture-aug",
        "1.0.0",
        Map.of(
            "fixture/aug/InvertAugmentation.java", PluginJars.fixture("InvertAugmentation.java")));
  }

  /** How many runs on the plain data set have reported an accuracy in the log. */
  private long plainDone() {
    return log.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.contains(" plain n=2 ") && l.contains(": validation "))
        .count();
  }

  @Test
  void softLabelsOfABuiltSetReachTheModelAndSurviveTheCache() throws IOException {
    String data = "{validation: 200, test: 0, noise: 0.6}";
    for (String name : List.of("soft", "again")) {
      Runner.Outcome out = run(experiment(name, data, build(", soft: 1")));
      assertTrue(out.failures().isEmpty(), out.failures().toString());
      for (Map<String, Object> r : rows(name)) {
        Path dir = out.dir().resolve(r.get("run_dir").toString());
        Map<?, ?> metrics = Json.MAPPER.readValue(dir.resolve("metrics.json").toFile(), Map.class);
        Map<?, ?> facts = (Map<?, ?>) metrics.get("facts");
        // the builder's 0.7 on each image's class, as the model received it
        assertEquals(0.7, ((Number) facts.get("soft_label_own_class")).doubleValue(), 1e-6);
        Map<?, ?> config = Json.MAPPER.readValue(dir.resolve("config.json").toFile(), Map.class);
        assertEquals(
            "soft (learned by the builder)",
            ((Map<?, ?>) config.get("data_provenance")).get("labels"));
      }
    }
    assertEquals(1, builds().size(), "the second experiment read the set and its labels back");
    // hard labels: the model gets none
    Runner.Outcome hard = run(experiment("hard", data, build("")));
    Map<?, ?> metrics =
        Json.MAPPER.readValue(
            hard.dir()
                .resolve(rows("hard").get(0).get("run_dir").toString())
                .resolve("metrics.json")
                .toFile(),
            Map.class);
    assertEquals(-1.0, ((Map<?, ?>) metrics.get("facts")).get("soft_label_own_class"));
  }

  @Test
  void softLabelsAreRefusedForAModelOrAugmentationThatCannotKeepThem() throws IOException {
    String data = "{validation: 200, test: 0, noise: 0.6}";
    String yaml = experiment("soft", data, build(", soft: 1"));
    HostFixtures.model(plugins, "return true; } // soft", "return false; } // soft");
    ConfigException model = assertThrows(ConfigException.class, () -> run(yaml));
    assertTrue(
        model
            .getMessage()
            .contains(
                "runs.centroid.params: model 'centroid' cannot train on soft labels, and data set"
                    + " 'chosen' gives soft labels (its builder 'first-n' learns them:"
                    + " datasets.chosen.build.params); use a model that can"),
        model.getMessage());
    assertTrue(model.getMessage().contains("datasets.chosen.build.params"), model.getMessage());
    HostFixtures.model(plugins);
    invertPlugin();
    ConfigException copies =
        assertThrows(
            ConfigException.class,
            () ->
                run(
                    yaml.replace(
                        "again: {id: centroid, trainSeeds: [5]}",
                        "again: {id: centroid, augment: {copies: 2, steps: [{id: invert}]}}")));
    assertTrue(
        copies.getMessage().contains("runs.again.augment: copies made before training have no"),
        copies.getMessage());
    assertEquals(List.of(), builds());
  }

  @Test
  void softLabelsThatAreNotDistributionsFailTheRunNamingTheBuilder() throws IOException {
    assertEveryRunFails(
        ", soft: 2", "training set builder 'first-n' returned soft labels of image 0 summing to 2");
  }

  /** Every run of a data set built with {@code extra} params fails, the first with {@code text}. */
  private void assertEveryRunFails(String extra, String text) throws IOException {
    Runner.Outcome out =
        run(experiment("broken", "{validation: 200, test: 0, noise: 0.6}", build(extra)));
    assertEquals(3, out.failures().size(), out.failures().toString());
    assertTrue(out.failures().get(0).contains(text), out.failures().get(0));
  }

  @Test
  void builtSetsDifferFromDrawsAndAccuraciesComeFromTheDataSetsValidation() throws IOException {
    Runner.Outcome out =
        run(experiment("rows", "{validation: 200, test: 0, noise: 0.6}", build("")));
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    for (Map<String, Object> r : rows("rows")) {
      assertEquals("chosen", r.get("dataset"));
      assertEquals(2, r.get("n"));
      assertEquals("built:first-n", r.get("protocol"));
    }
  }

  @Test
  void aBuilderThatReturnsTheWrongCountFailsItsRunsNamingIt() throws IOException {
    assertEveryRunFails(
        ", extra: 1",
        "training set builder 'first-n' returned 3 images of class 0, asked for n = 2");
  }

  @Test
  void nLargerThanAClassHasFailsNamingN() throws IOException {
    String yaml =
        experiment("large", "{validation: 200, test: 0, noise: 0.6}", build(""))
            .replace("n: [2]", "n: [60]");
    Runner.Outcome out = run(yaml);
    assertEquals(3, out.failures().size());
    assertTrue(
        out.failures().get(0).contains("n: 60 images per class asked for, but class 0 has only 50"),
        out.failures().get(0));
  }

  @Test
  void badBuildSectionsAreRefusedBeforeAnythingRuns() throws IOException {
    String data = "{validation: 200, test: 0, noise: 0.6}";
    ConfigException unknown =
        assertThrows(ConfigException.class, () -> run(experiment("x", data, "{id: nope}")));
    assertTrue(unknown.getMessage().contains("datasets.chosen.build.id"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("first-n"), unknown.getMessage());

    assertRefused(build(", features: true"), "datasets.chosen.build.features: missing");
    assertRefused(
        build("").replace("}}", "}, features: {id: sums}}"),
        "datasets.chosen.build.features: builder 'first-n'");

    ConfigException zero =
        assertThrows(
            ConfigException.class,
            () -> run(experiment("x", data, build("")).replace("n: [2]", "n: [0]")));
    assertTrue(zero.getMessage().contains("datasets.chosen.n: 0 with build"), zero.getMessage());
    assertEquals(List.of(), builds());
  }

  @Test
  void previewShowsTheBuiltSetAndReadsItFromTheCache() throws Exception {
    invertPlugin();
    Path f = tmp.resolve("preview.yaml");
    Files.writeString(
        f,
        experiment("preview", "{validation: 200, test: 0, noise: 0.6}", build(""))
            .replace(
                "again: {id: centroid, trainSeeds: [5]}",
                "again: {id: centroid, trainSeeds: [5], onTheFly: [{id: invert}]}"));
    var loaded = ExperimentLoader.load(f, List.of());
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      Runner runner = HostFixtures.runner(host, log, tmp.resolve("home"));
      org.rmnist.api.ImageSet set = runner.trainingSet(loaded, "chosen", 2, 0, results);
      assertEquals(20, set.size());
      assertEquals(1, builds().size());
      // a second look reads the cache
      runner.trainingSet(loaded, "chosen", 2, 0, results);
      assertEquals(1, builds().size());
      ConfigException none =
          assertThrows(
              ConfigException.class, () -> runner.trainingSet(loaded, "chosen", 3, 0, results));
      assertTrue(
          none.getMessage().contains("the runs train on: chosen n=2 draw=0"), none.getMessage());
    }
    String saved = System.getProperty("rmnist.plugins.bundled");
    System.setProperty("rmnist.plugins.bundled", plugins.toString());
    try {
      Path png = tmp.resolve("built.png");
      int exit =
          org.rmnist.host.cli.RmnistCli.execute(
              "preview",
              f.toString(),
              "--data",
              "chosen",
              "--n",
              "2",
              "--versions",
              "1",
              "--results-dir",
              results.toString(),
              "--out",
              png.toString());
      assertEquals(0, exit);
      assertTrue(Files.size(png) > 0);
      assertEquals(1, builds().size(), "preview read the cached set");
      // two data sets side by side: twice as wide, plus the gap
      Path two = tmp.resolve("two.png");
      assertEquals(
          0,
          org.rmnist.host.cli.RmnistCli.execute(
              "preview",
              f.toString(),
              "--data",
              "chosen,chosen",
              "--n",
              "2",
              "--versions",
              "1",
              "--results-dir",
              results.toString(),
              "--out",
              two.toString()));
      int one = javax.imageio.ImageIO.read(png.toFile()).getWidth();
      assertEquals(2 * one + 4 * 3, javax.imageio.ImageIO.read(two.toFile()).getWidth());
      // overrides reach the experiment, as for run: no run trains on n = 3 until one says so
      List<String> three =
          List.of(
              "preview",
              f.toString(),
              "--data",
              "chosen",
              "--n",
              "3",
              "--results-dir",
              results.toString(),
              "--out",
              tmp.resolve("three.png").toString());
      assertEquals(2, org.rmnist.host.cli.RmnistCli.execute(three.toArray(String[]::new)));
      List<String> overridden = new java.util.ArrayList<>(three);
      overridden.add("datasets.chosen.n=[3]");
      assertEquals(0, org.rmnist.host.cli.RmnistCli.execute(overridden.toArray(String[]::new)));
      assertEquals(2, builds().size(), "the set of 3 per class was built");
    } finally {
      if (saved == null) {
        System.clearProperty("rmnist.plugins.bundled");
      } else {
        System.setProperty("rmnist.plugins.bundled", saved);
      }
    }
  }

  @Test
  void aBuilderStartsFromTheSetItsStartBuilderMakesWhichIsCachedOnItsOwn() throws IOException {
    String data = "{validation: 200, test: 0, noise: 0.6}";
    String start = build("");
    String refine =
        "{id: first-n, params: {record: '" + record + "', fromStart: true}, start: " + start + "}";
    Runner.Outcome out = run(experiment("refined", data, refine));
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    List<String> lines = builds();
    assertEquals(2, lines.size(), lines.toString());
    // the start builder ran first, from the pool alone; the refining builder then got its set, at
    // the same N and seed
    assertTrue(lines.get(0).endsWith(" start=none"), lines.get(0));
    String seed = lines.get(0).replaceAll(".* seed=(\\S+) .*", "$1");
    assertTrue(lines.get(1).contains(" seed=" + seed + " "), lines.toString());
    String given = lines.get(1).replaceAll(".* start=\\[(.*)\\]$", "$1");
    assertEquals(20, given.split(", ").length, given);
    // and the runs trained on what the refining builder made of it: each class's first two swapped
    @SuppressWarnings("unchecked")
    Map<String, Object> provenance =
        (Map<String, Object>)
            Json.MAPPER
                .readValue(
                    Files.readString(
                        out.dir()
                            .resolve(rows("refined").get(0).get("run_dir").toString())
                            .resolve("config.json")),
                    Map.class)
                .get("data_provenance");
    String[] g = given.split(", ");
    String[] trained = provenance.get("train_indices").toString().split(",");
    assertEquals(g[1], trained[0]);
    assertEquals(g[0], trained[1]);
    assertTrue(provenance.get("build").toString().contains("\"start\""), provenance.toString());
    assertTrue(
        provenance.get("build_facts").toString().contains("\"start\""), provenance.toString());

    // the start set is cached on its own: a data set built by the start builder alone reuses it
    run(experiment("plain", data, start));
    assertEquals(2, builds().size(), builds().toString());
    // and so is the refined set: a rerun of the refined experiment in another results folder
    run(experiment("refined-again", data, refine));
    assertEquals(2, builds().size(), builds().toString());
  }

  @Test
  void badStartSectionsAreRefusedBeforeAnythingRuns() throws IOException {
    String refine = build(", fromStart: true");
    assertRefused(
        build("").replace("}}", "}, start: {id: first-n}}"),
        "datasets.chosen.build.start: builder 'first-n' with these params reads no start set");
    assertRefused(refine, "datasets.chosen.build.start: missing");
    assertRefused(refine.replace("}}", "}, start: {id: nope}}"), "datasets.chosen.build.start.id");
    assertRefused(
        refine.replace("}}", "}, start: " + build(", soft: 1") + "}"),
        "datasets.chosen.build.start: builder 'first-n' with these params gives soft labels");
    assertEquals(List.of(), builds());
  }

  /** A data set built by {@code build} is refused before anything runs, with {@code text}. */
  private void assertRefused(String build, String text) {
    String data = "{validation: 200, test: 0, noise: 0.6}";
    ConfigException e =
        assertThrows(ConfigException.class, () -> run(experiment("x", data, build)));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @Test
  void aBuilderInAFeatureSpaceGetsThePoolsFeatures() throws IOException {
    String yaml =
        experiment(
            "features",
            "{validation: 200, test: 0, noise: 0.6}",
            build(", features: true").replace("}}", "}, features: {id: sums}}"));
    Runner.Outcome out = run(yaml);
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    assertTrue(builds().get(0).contains(" features=8 "), builds().toString());
  }
}
