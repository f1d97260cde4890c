package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled launchers through the real {@code bin/rmnist}: one small experiment (convnets of a
 * few epochs, baselines, an ensemble) gives identical accuracies sequentially, with two local
 * workers and as a job array on a real single-node Slurm cluster; a worker killed with {@code kill
 * -9} loses no run; bad launcher input gets one clear error.
 */
class LaunchersTest {
  @TempDir Path tmp;

  private static final String EXPERIMENT =
      """
      name: small
      datasets:
        rmnist: {id: rmnist, params: {protocol: nielsen2017}, n: [1, 5]}
      runs:
        knn-1: {id: knn, params: {k: 1}}
        tree: {id: decision-tree, trainSeeds: [0, 1]}
        cnn: {id: convnet, params: {training: {epochs: 20}}, trainSeeds: [0, 1]}
        both: {ensemble: {members: [cnn, tree]}, trainSeeds: [0, 1]}
      splits: [validation]
      """;

  private Path experiment(String yaml) throws IOException {
    Path f = tmp.resolve("small.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** run_dir → validation accuracy, from results.jsonl. */
  private static Map<String, Double> accuracies(Path results) throws IOException {
    Map<String, Double> acc = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(results.resolve("small/results.jsonl"))) {
      Map<?, ?> row = json.readValue(line, Map.class);
      Object old =
          acc.put((String) row.get("run_dir"), ((Number) row.get("accuracy")).doubleValue());
      assertEquals(null, old, "listed twice: " + row.get("run_dir"));
    }
    return acc;
  }

  private Cli.Result run(Map<String, String> env, Path results, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run", tmp.resolve("small.yaml").toString(), "--results-dir", results.toString()));
    args.addAll(List.of(more));
    return Cli.rmnist(env, args.toArray(String[]::new));
  }

  @Test
  void sequentialTwoWorkersAndSlurmGiveIdenticalAccuracies() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("RMNIST_DATA", Cli.mnist().toString()));
    experiment(EXPERIMENT);
    Cli.Result seq = run(env, tmp.resolve("seq"), "--jobs", "1");
    assertEquals(0, seq.exit(), seq.out());
    Map<String, Double> expected = accuracies(tmp.resolve("seq"));
    assertEquals(14, expected.size(), expected.toString());

    Cli.Result two = run(env, tmp.resolve("two"), "--jobs", "2");
    assertEquals(0, two.exit(), two.out());
    assertTrue(two.out().contains("started 2 local workers of 1 thread(s) each"), two.out());
    assertTrue(two.out().contains("small: 14/14 runs done, 0 running, 0 failed"), two.out());
    assertTrue(
        two.out().matches("(?s).*peak memory per worker: worker 1 [0-9.]+ GiB, worker 2 .*"),
        two.out());
    assertEquals(expected, accuracies(tmp.resolve("two")), "two local workers");

    try (SlurmCluster slurm = SlurmCluster.start(tmp.resolve("slurm"))) {
      env.putAll(slurm.env());
      Cli.Result dry =
          run(env, tmp.resolve("array"), "--launcher", "slurm", "--jobs", "2", "--dry-run");
      assertEquals(0, dry.exit(), dry.out());
      assertTrue(dry.out().contains("#SBATCH --array=0-1\n"), dry.out());
      assertTrue(!Files.exists(tmp.resolve("array/small/launch")), "a dry run submits nothing");

      Cli.Result array =
          run(
              env,
              tmp.resolve("array"),
              "--launcher",
              "slurm",
              "--jobs",
              "2",
              "launch.params.pollSeconds=0.5");
      assertEquals(0, array.exit(), array.out());
      assertTrue(
          array.out().matches("(?s).*submitted Slurm job [0-9]+: 2 array tasks.*"), array.out());
      assertEquals(expected, accuracies(tmp.resolve("array")), "a Slurm job array");
      List<String> logs = new ArrayList<>();
      try (var files = Files.list(tmp.resolve("array/small/launch"))) {
        files.forEach(p -> logs.add(p.getFileName().toString()));
      }
      assertEquals(
          2,
          logs.stream().filter(n -> n.matches("slurm-[0-9]+_[01]\\.log")).count(),
          logs.toString());

      // a folder the tasks cannot write to (here: their log folder does not exist) is one error
      Cli.Result unshared =
          run(
              env,
              tmp.resolve("unshared"),
              "--launcher",
              "slurm",
              "--jobs",
              "2",
              "launch.params.pollSeconds=0.5",
              "launch.params.extraArgs=[--output=" + tmp.resolve("nowhere/%A_%a.log") + "]");
      assertEquals(2, unshared.exit(), unshared.out());
      assertEquals(1, unshared.out().split("workers could not see", -1).length - 1, unshared.out());
      assertTrue(
          unshared
              .out()
              .contains(
                  "2 of 2 workers could not see " + tmp.resolve("unshared/small/provenance.json")),
          unshared.out());
    }
  }

  @Test
  void aWorkerKilledWithSigkillLosesNoRun() throws Exception {
    Map<String, String> env = Map.of("RMNIST_DATA", Cli.mnist().toString());
    experiment(EXPERIMENT.replace("epochs: 20", "epochs: 400"));
    Path results = tmp.resolve("killed");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Cli.ROOT.resolve("bin/rmnist").toString(),
                "run",
                tmp.resolve("small.yaml").toString(),
                "--results-dir",
                results.toString(),
                "--jobs",
                "2"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(Cli.ROOT.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    String dist = System.getProperty("rmnist.dist");
    if (dist != null && !dist.isBlank()) {
      pb.environment().put("RMNIST_DIST", dist);
    }
    Path log = tmp.resolve("killed.log");
    pb.redirectOutput(log.toFile());
    Process parent = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String text = "";
    while (!text.contains("\"running\"") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      text = claim(results.resolve("small/runs"), "cnn__rmnist-n1-d0-s0__");
    }
    assertTrue(
        text.contains("\"running\""), "no worker claimed the run:\n" + Files.readString(log));
    long pid = ((Number) new ObjectMapper().readValue(text, Map.class).get("pid")).longValue();
    assertTrue(pid != parent.pid(), "a worker process of its own");
    new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
    assertTrue(parent.waitFor(300, TimeUnit.SECONDS), Files.readString(log));
    String out = Files.readString(log);
    assertEquals(0, parent.exitValue(), out);
    assertTrue(out.contains("ended with exit code 137"), out);
    assertTrue(out.contains("14 runs: 14 ran, 0 already done, 0 failed"), out);
    assertEquals(14, accuracies(results).size());
    String logs = "";
    try (var files = Files.list(results.resolve("small/launch"))) {
      for (Path p : files.toList()) {
        logs += Files.readString(p);
      }
    }
    assertTrue(logs.contains("cnn rmnist n=1 draw=0 seed=0: taking over from w"), logs);
  }

  /** The text of the claim of the run whose folder starts with {@code prefix}, or "". */
  private static String claim(Path runs, String prefix) throws IOException {
    if (!Files.isDirectory(runs)) {
      return "";
    }
    try (var dirs = Files.list(runs)) {
      for (Path d : dirs.toList()) {
        Path c = d.resolve("claim.json");
        if (d.getFileName().toString().startsWith(prefix) && Files.isRegularFile(c)) {
          return Files.readString(c);
        }
      }
    }
    return "";
  }

  @Test
  void anUnknownLauncherListsTheKnownOnes() throws Exception {
    experiment(EXPERIMENT);
    Cli.Result r = run(Map.of(), tmp.resolve("r"), "--launcher", "kubernetes", "--dry-run");
    assertEquals(2, r.exit(), r.out());
    assertTrue(
        r.out().contains("error: --launcher: unknown launcher 'kubernetes'; known: local, slurm"),
        r.out());
    Cli.Result missing =
        run(
            Map.of("RMNIST_DATA", Cli.mnist().toString()),
            tmp.resolve("m"),
            "--launcher",
            "slurm",
            "launch.params.sbatch=" + tmp.resolve("no/sbatch"));
    assertEquals(2, missing.exit(), missing.out());
    assertTrue(
        missing.out().contains("error: " + tmp.resolve("no/sbatch") + ": cannot run it ("),
        missing.out());
  }
}
