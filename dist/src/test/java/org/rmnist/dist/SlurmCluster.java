package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node Slurm cluster on localhost (munged, slurmctld, slurmd), started and stopped
 * with {@code bin/slurm-local}. Needs root and Debian's slurm-wlm and munge (.ci/run installs
 * them): without them the test is skipped, or fails under CI=true.
 */
final class SlurmCluster implements AutoCloseable {
  private final Path dir;
  private final String conf;

  private SlurmCluster(Path dir, String conf) {
    this.dir = dir;
    this.conf = conf;
  }

  /** Starts a cluster whose state lives in {@code dir}. */
  static SlurmCluster start(Path dir) throws IOException, InterruptedException {
    boolean root =
        "0".equals(Cli.exec(dir.getParent(), Map.of(), 10, List.of("id", "-u")).out().strip());
    boolean installed =
        Files.isExecutable(Path.of("/usr/sbin/slurmctld"))
            && Files.isExecutable(Path.of("/usr/sbin/slurmd"))
            && Files.isExecutable(Path.of("/usr/bin/sbatch"));
    if (!root || !installed) {
      String msg =
          "a local Slurm cluster needs root and Debian's slurm-wlm and munge (root: "
              + root
              + ", installed: "
              + installed
              + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    Cli.Result r =
        Cli.exec(
            Cli.ROOT,
            Map.of(),
            120,
            List.of(Cli.ROOT.resolve("bin/slurm-local").toString(), "start", dir.toString()));
    assertEquals(0, r.exit(), r.out());
    String conf =
        r.out()
            .lines()
            .filter(l -> l.startsWith("export SLURM_CONF="))
            .map(l -> l.substring("export SLURM_CONF=".length()).strip())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no SLURM_CONF in:\n" + r.out()));
    return new SlurmCluster(dir, conf);
  }

  /** The environment that points Slurm's commands at this cluster. */
  Map<String, String> env() {
    return Map.of("SLURM_CONF", conf);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Cli.exec(
        Cli.ROOT,
        Map.of(),
        120,
        List.of(Cli.ROOT.resolve("bin/slurm-local").toString(), "stop", dir.toString()));
  }
}
