package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.config.ExperimentLoader;

/** The worker command a launcher is given: what every worker needs to find and check its work. */
class HostLaunchContextTest {
  @TempDir Path tmp;

  @Test
  void theWorkerCommandCarriesTheExperimentItsFolderSessionThreadsAndHash() throws Exception {
    Path file = tmp.resolve("demo.yaml");
    Files.writeString(
        file,
        """
        name: demo
        datasets: {syn: {id: synthetic, n: [1]}}
        runs: {a: {id: centroid}}
        """);
    var loaded = ExperimentLoader.load(file, List.of("runs.a.params.k=2"));
    Path dir = tmp.resolve("results/demo");
    var ctx =
        new HostLaunchContext(
            new HostLaunchContext.Launch(loaded, dir, 4, "abc123", true, 1234L),
            List.of("/jdk/bin/java", "-Xmx8g", "-cp", "lib/*", "Main", "worker"),
            2,
            3,
            new PrintStream(PrintStream.nullOutputStream()),
            null,
            null);
    assertEquals(
        List.of(
            "/jdk/bin/java",
            "-XX:ActiveProcessorCount=3",
            "-Xmx8g",
            "-cp",
            "lib/*",
            "Main",
            "worker",
            file.toAbsolutePath().toString(),
            "runs.a.params.k=2",
            "--results-dir",
            tmp.resolve("results").toString(),
            "--session",
            "1234",
            "--threads",
            "3",
            "--config-sha256",
            "abc123",
            "--rerun-stale"),
        ctx.workerCommand());
    assertEquals(4, ctx.runsToDo());
    assertEquals(2, ctx.jobs());
    assertEquals(3, ctx.threadsPerRun());
    assertThrows(IllegalStateException.class, ctx::runHere, "a dry run trains nothing");
  }
}
