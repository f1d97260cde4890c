package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.Progress;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Json;

/**
 * Workers sharing one experiment folder: claims, two commands at once, a worker killed with {@code
 * kill -9} whose run is taken over, and a worker that cannot see the launching command's folder.
 * Commands run as separate JVMs (locks belong to processes); no launcher plugin is loaded here, so
 * each command is one worker in its own process.
 */
@Timeout(180) // a claim that is never released would make a worker wait for ever
class WorkersTest {
  @TempDir Path tmp;

  private Path plugins;
  private Path results;
  private Path file;
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

  private static final String EXPERIMENT =
      """
      name: demo
      datasets:
        syn: {id: synthetic, n: [1, 5], params: {test: 100}}
      runs:
        a: {id: centroid, trainSeeds: [0, 1, 2], params: {sleepMillis: 400}}
        avg: {ensemble: {members: [a]}, trainSeeds: [0, 1, 2]}
      splits: [validation, test]
      """;

  @BeforeEach
  void setUp() throws IOException {
    plugins = tmp.resolve("plugins");
    results = tmp.resolve("results");
    HostFixtures.data(plugins);
    HostFixtures.model(plugins);
    file = tmp.resolve("demo.yaml");
    Files.writeString(file, EXPERIMENT);
  }

  private Process command(String name, String... more) throws IOException {
    return new ProcessBuilder(HostFixtures.runCommand(plugins, file, results, more))
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile())
        .start();
  }

  private String output(String name) throws IOException {
    return Files.readString(tmp.resolve(name + ".log"));
  }

  private Runner.Outcome runHere(String... overrides) throws IOException {
    var loaded = ExperimentLoader.load(file, List.of(overrides));
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
      return new Runner(host, new HostDataContext(null, Progress.NONE), Progress.NONE, log)
          .run(loaded, results);
    }
  }

  private Path runs() {
    return results.resolve("demo/runs");
  }

  /** The folder of the run whose folder name starts with {@code prefix} (a hash follows). */
  private Path runDir(String prefix) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(runs())) {
        try (Stream<Path> dirs = Files.list(runs())) {
          var found = dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).findFirst();
          if (found.isPresent()) {
            return found.get();
          }
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
    }
    throw new AssertionError("no run folder " + prefix + "* in " + runs());
  }

  private List<String> resultRuns() throws IOException {
    List<String> dirs = new ArrayList<>();
    for (String line : Files.readAllLines(results.resolve("demo/results.jsonl"))) {
      Map<?, ?> row = Json.MAPPER.readValue(line, Map.class);
      dirs.add(row.get("run_dir") + " " + row.get("split"));
    }
    return dirs;
  }

  @Test
  void twoCommandsAtOnceShareTheRunsAndTrainNoneTwice() throws Exception {
    Process one = command("one");
    Process two = command("two");
    assertTrue(one.waitFor(120, TimeUnit.SECONDS) && two.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, one.exitValue(), output("one"));
    assertEquals(0, two.exitValue(), output("two"));
    String both = output("one") + output("two");
    // each of the 12 runs (6 trained, 6 averaged) is evaluated by exactly one of the commands
    for (String run : List.of("a syn n=1 draw=0 seed=0", "avg syn n=5 draw=0 seed=2")) {
      assertEquals(1, count(both, "] " + run + ": validation "), run + " in\n" + both);
    }
    assertEquals(12, count(both, ": validation "), both);
    assertTrue(count(output("one"), ": validation ") > 0, "both worked:\n" + both);
    assertTrue(count(output("two"), ": validation ") > 0, "both worked:\n" + both);
    List<String> rows = resultRuns();
    assertEquals(24, rows.size(), rows.toString());
    assertEquals(24, rows.stream().distinct().count(), "no run listed twice: " + rows);
    Runner.Outcome again = runHere();
    assertEquals(12, again.skipped());
    assertEquals(0, again.ran());
  }

  @Test
  void aRunWhoseWorkerWasKilledIsTakenOver() throws Exception {
    String slow = "runs.a.params.sleepMillis=2000";
    Process victim = command("victim", slow);
    Path claim = runDir("a__syn-n1-d0-s0__").resolve(Claim.FILE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.isRegularFile(claim) && Files.readString(claim).contains("\"running\""))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(
        Files.readString(claim).contains("\"pid\":" + victim.pid()), Files.readString(claim));
    // a live owner keeps its run: a worker here finds nothing it may take and waits, so try once
    assertTrue(Claim.tryTake(claim.getParent(), Claim.owner("probe")).isEmpty(), "held");
    victim.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean-up
    Runner.Outcome resumed = runHere(slow);
    assertEquals(12, resumed.ran(), resumed.failures().toString());
    assertTrue(
        logBytes
            .toString(StandardCharsets.UTF_8)
            .contains("[1/12] a syn n=1 draw=0 seed=0: taking over from "),
        logBytes.toString(StandardCharsets.UTF_8));
    assertTrue(Files.readString(claim).contains("\"state\":\"released\""));
  }

  @Test
  void aClaimIsExclusiveUntilReleasedAndTellsWhoseRunItTookOver() throws IOException {
    Path dir = tmp.resolve("run");
    Claim first = Claim.tryTake(dir, Claim.owner("first")).orElseThrow();
    assertTrue(first.takenOver().isEmpty());
    assertTrue(Claim.tryTake(dir, Claim.owner("second")).isEmpty(), "held");
    first.close();
    Claim second = Claim.tryTake(dir, Claim.owner("second")).orElseThrow();
    assertTrue(second.takenOver().isEmpty(), "released cleanly: nothing to take over");
    second.close();
    // what a killed owner leaves: its text says running, but no process holds the lock
    Files.writeString(
        dir.resolve(Claim.FILE), "{\"worker\":\"gone\",\"pid\":1234,\"state\":\"running\"}");
    Claim third = Claim.tryTake(dir, Claim.owner("third")).orElseThrow();
    assertEquals("gone", third.takenOver().orElseThrow().get("worker"));
    third.close();
  }

  @Test
  void aWorkerThatCannotSeeTheLaunchingCommandsFolderSaysSoAndTrainsNothing() throws Exception {
    var loaded = ExperimentLoader.load(file, List.of());
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
      int code =
          new WorkerMain(host, new HostDataContext(null, Progress.NONE), log, false, tmp)
              .work(
                  loaded,
                  results,
                  new WorkerMain.Request(
                      "w1", System.currentTimeMillis(), 1, Provenance.configOf(loaded), null));
      assertEquals(LaunchContext.EXIT_NOT_SHARED, code);
    }
    String log = logBytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        log.contains("error: " + results.resolve("demo/provenance.json") + " is not there on "),
        log);
    assertTrue(log.contains("the results folder is not shared"), log);
    assertFalse(Files.exists(runs()), "nothing trained");
  }

  @Test
  void aFailedRunIsRecordedWithItsWorkerAndTriedAgainByTheNextCommand() throws Exception {
    // the same runs (same hashes) fail while the model's jar fails at 10 images, then succeed
    buildModel("train.size() == 10");
    Runner.Outcome failed = runHere();
    assertEquals(6, failed.failures().size(), "n=1 fails: its 3 runs and their ensembles");
    Path f = runDir("a__syn-n1-d0-s0__").resolve("failed.json");
    Map<?, ?> first = Json.MAPPER.readValue(f.toFile(), Map.class);
    assertTrue(
        String.valueOf(first.get("message")).contains("asked to fail at 10 images"),
        first.toString());
    assertTrue(String.valueOf(first.get("worker")).startsWith("main-"), first.toString());
    Thread.sleep(20);
    assertEquals(6, runHere().failures().size(), "tried again by the next command");
    Map<?, ?> second = Json.MAPPER.readValue(f.toFile(), Map.class);
    assertTrue(((Number) second.get("at")).longValue() > ((Number) first.get("at")).longValue());
    buildModel("c.failAtSize() == train.size()");
    Runner.Outcome fixed = runHere();
    assertTrue(fixed.failures().isEmpty(), fixed.failures().toString());
    assertEquals(6, fixed.ran());
    assertFalse(Files.exists(f), "removed once the run finishes");
  }

  @Test
  void aResultsFolderThatCannotBeWrittenIsOneErrorBeforeAnyWorkStarts() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    results = file.resolve("results");
    org.rmnist.host.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.rmnist.host.ConfigException.class, this::runHere);
    assertTrue(
        e.getMessage()
            .startsWith(
                results.resolve("demo") + ": cannot write the experiment's results there ("),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("); give --results-dir a folder this user can write to"),
        e.getMessage());
  }

  private void buildModel(String failWhen) {
    HostFixtures.model(plugins, "c.failAtSize() == train.size()", failWhen);
  }

  private static int count(String text, String part) {
    return (int)
        Stream.iterate(text.indexOf(part), i -> i >= 0, i -> text.indexOf(part, i + 1)).count();
  }
}
