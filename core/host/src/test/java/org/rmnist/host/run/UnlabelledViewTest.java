package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.rmnist.testkit.jars.PluginJars;

/**
 * A run's {@code unlabelled:} view: pool images only, labels unreachable (scrambling the pool's
 * labels changes nothing the model sees), range / size / excludeDraw pick among them, and a view
 * that would reach validation or test images is refused with a message naming the key.
 */
class UnlabelledViewTest {
  @TempDir Path tmp;

  private Path plugins;
  private Path record;
  private int experiments;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    plugins = tmp.resolve("plugins");
    record = tmp.resolve("views.txt");
    HostFixtures.data(plugins);
    PluginJars.build(
        plugins,
        "fixture-features",
        "1.0.0",
        Map.of("fixture/features/SumExtractor.java", PluginJars.fixture("SumExtractor.java")));
    HostFixtures.unlabelledProbe(plugins);
  }

  private Runner.Outcome run(String dataParams, String unlabelled) throws IOException {
    return run(dataParams, unlabelled, "");
  }

  private Runner.Outcome run(String dataParams, String unlabelled, String features)
      throws IOException {
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      return runner(host).run(load(dataParams, unlabelled, features), tmp.resolve("results"));
    }
  }

  private ExperimentLoader.Loaded load(String dataParams, String unlabelled, String features)
      throws IOException {
    String yaml =
        """
        name: view%d
        datasets:
          labelled: {id: synthetic, params: %s, n: [2]}
        runs:
          probe:
            id: unlabelled-probe
            params: {record: '%s'}
            unlabelled: %s
            %s
        splits: [validation]
        """
            .formatted(experiments++, dataParams, record, unlabelled, features);
    Path f = tmp.resolve("exp.yaml");
    Files.writeString(f, yaml);
    return ExperimentLoader.load(f, List.of());
  }

  private Runner runner(PluginHost host) {
    return HostFixtures.runner(host, log, tmp.resolve("home"));
  }

  /** The last view the probe recorded: size, smallest and largest source index, pixel checksum. */
  private String[] lastView() throws IOException {
    List<String> lines = Files.readAllLines(record);
    return lines.get(lines.size() - 1).split(" ");
  }

  @Test
  void theWholePoolByDefaultAndScrambledPoolLabelsChangeNothing() throws IOException {
    Runner.Outcome plain = run("{scramblePool: false}", "pool");
    assertTrue(plain.failures().isEmpty(), plain.failures().toString());
    String[] view = lastView();
    assertEquals("500", view[0]);
    assertEquals("0", view[1]);
    assertEquals("499", view[2]);
    Runner.Outcome scrambled = run("{scramblePool: true}", "pool");
    assertTrue(scrambled.failures().isEmpty(), scrambled.failures().toString());
    assertEquals(List.of(view), List.of(lastView()));
    assertEquals(2, Files.readAllLines(record).size());
  }

  @Test
  void rangeSizeAndExcludeDrawPickAmongThePoolImages() throws IOException {
    run("{}", "{from: pool, range: [100, 160]}");
    String[] range = lastView();
    assertEquals(List.of("60", "100", "159"), List.of(range).subList(0, 3));
    run("{}", "{excludeDraw: true}");
    String[] rest = lastView();
    assertEquals(List.of("480", "20", "499"), List.of(rest).subList(0, 3));
    run("{}", "{size: 100}");
    String[] some = lastView();
    assertEquals("100", some[0]);
    run("{}", "{size: 100}");
    assertEquals(List.of(some), List.of(lastView()), "the same draw seed picks the same images");
    run("{}", "{size: 100, range: [0, 250]}");
    assertTrue(Integer.parseInt(lastView()[2]) < 250);
  }

  @Test
  void aRangeReachingPastThePoolIsRefusedNamingTheKey() throws IOException {
    Runner.Outcome out = run("{}", "{range: [400, 600]}");
    assertEquals(1, out.failures().size());
    String message = out.failures().get(0);
    assertTrue(
        message.contains(
            "runs.probe.unlabelled.range: [400, 600) reaches 100 source indices outside the data "
                + "set's pool (500 images, indices 0..499)"),
        message);
    assertTrue(message.contains("validation and test images never enter"), message);
  }

  @Test
  void aViewOfValidationOrTestImagesIsRefusedBeforeAnythingRuns() {
    for (String from : List.of("validation", "test")) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> run("{}", "{from: " + from + "}"));
      assertTrue(
          e.getMessage().contains("runs.probe.unlabelled.from: '" + from + "' is not allowed"),
          e.getMessage());
      assertTrue(e.getMessage().contains("allowed: pool"), e.getMessage());
    }
    ConfigException bad = assertThrows(ConfigException.class, () -> run("{}", "{range: [5, 5]}"));
    assertTrue(bad.getMessage().contains("runs.probe.unlabelled.range: [5, 5]"), bad.getMessage());
    ConfigException size = assertThrows(ConfigException.class, () -> run("{}", "{size: 0}"));
    assertTrue(size.getMessage().contains("runs.probe.unlabelled.size: 0"), size.getMessage());
  }

  @Test
  void withFeaturesTheModelGetsTheUnlabelledImagesAsFeatureVectors() throws IOException {
    Path calls = tmp.resolve("extract-calls.txt");
    Runner.Outcome out = run("{}", "pool", "features: {id: sums, params: {log: '" + calls + "'}}");
    assertTrue(out.failures().isEmpty(), out.failures().toString());
    String[] view = lastView();
    assertEquals("500", view[0]);
    assertEquals("8", view[4], "8 row and column sums per image");
    assertTrue(Files.readAllLines(calls).contains("500"), "the pool went through the extractor");
  }

  @Test
  void neighboursInPixelsAreOfTheQuerysClassAndFeaturesGoThroughTheCache() throws IOException {
    Path calls = tmp.resolve("calls.txt");
    var loaded =
        load("{noise: 0.3}", "pool", "features: {id: sums, params: {log: '" + calls + "'}}");
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      Runner runner = runner(host);
      Runner.Nearest pixels =
          runner.neighbours(loaded, null, "labelled", 2, 0, tmp.resolve("results"), 5);
      assertEquals(20, pixels.labelled().size());
      assertEquals(100, pixels.neighbours().size());
      for (int i = 0; i < 100; i++) {
        int row = pixels.neighbours().labels()[i];
        // the synthetic pool's image j is of class j % 10 (never read by the code under test)
        assertEquals(
            pixels.labelled().labels()[row],
            pixels.neighbours().sourceIndices()[i] % 10,
            "neighbour " + i % 5 + " of row " + row);
      }
      Runner.Nearest sums =
          runner.neighbours(loaded, "probe", "labelled", 2, 0, tmp.resolve("results"), 5);
      assertEquals(100, sums.neighbours().size());
      int extracted = Files.readAllLines(calls).size();
      runner.neighbours(loaded, "probe", "labelled", 2, 0, tmp.resolve("results"), 5);
      assertEquals(extracted, Files.readAllLines(calls).size(), "the second look read the cache");
      ConfigException none =
          assertThrows(
              ConfigException.class,
              () ->
                  runner.neighbours(loaded, "probe", "labelled", 3, 0, tmp.resolve("results"), 5));
      assertTrue(
          none.getMessage().contains("no run 'probe' trains on data set"), none.getMessage());
    }
  }

  @Test
  void theViewIsPartOfTheRunsIdentity() throws IOException {
    Runner.Outcome all = run("{}", "pool");
    Runner.Outcome some = run("{}", "{size: 50}");
    assertTrue(all.failures().isEmpty() && some.failures().isEmpty());
    assertNotEquals(
        Files.list(all.dir().resolve("runs")).toList().get(0).getFileName(),
        Files.list(some.dir().resolve("runs")).toList().get(0).getFileName());
  }
}
