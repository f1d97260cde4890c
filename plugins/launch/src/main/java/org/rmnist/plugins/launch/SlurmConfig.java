package org.rmnist.plugins.launch;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code slurm}. The array's size is {@code --jobs} (or {@code launch.jobs}); unset, one
 * task per run to do.
 *
 * @param partition the partition, or "" for the cluster's default
 * @param time time limit per task (Slurm's formats, e.g. 2:00:00), or "" for the partition's
 * @param cpusPerTask cores per task; 0 = threads per run
 * @param mem memory per task (e.g. 4G), or "" for the cluster's default
 * @param maxRunning most tasks running at once (the array's %N); 0 = no limit
 * @param extraArgs more sbatch options, one per element (e.g. --account=ml, --qos=short)
 * @param pollSeconds seconds between two looks at the queue
 * @param sbatch the sbatch command (a name on PATH or a path); squeue and scontrol are taken from
 *     the same folder
 */
public record SlurmConfig(
    @Doc("partition (sbatch --partition); empty: the cluster's default") String partition,
    @Doc("time limit per task, e.g. 30:00 or 2:00:00; empty: the partition's") String time,
    @Doc("cores per task (--cpus-per-task); 0 = threads per run") int cpusPerTask,
    @Doc("memory per task (--mem), e.g. 4G; empty: the cluster's default") String mem,
    @Doc("most array tasks running at once (--array=...%N); 0 = no limit") int maxRunning,
    @Doc("more sbatch options, one per element, e.g. [--account=ml, --qos=short]")
        List<String> extraArgs,
    @Doc("seconds between two looks at the queue (squeue); 0.2..600") double pollSeconds,
    @Doc("the sbatch command, a name on PATH or a path; squeue and scontrol come from beside it")
        String sbatch) {

  public SlurmConfig {
    partition = partition == null ? "" : partition.strip();
    time = time == null ? "" : time.strip();
    mem = mem == null ? "" : mem.strip();
    Checks.range("cpusPerTask", cpusPerTask, 0, 4096, " (0 = threads per run)");
    Checks.range("maxRunning", maxRunning, 0, 1_000_000, " (0 = no limit)");
    extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    for (String a : extraArgs) {
      if (!a.startsWith("-") || a.contains("\n")) {
        throw new IllegalArgumentException(
            "extraArgs: '" + a + "' is not one sbatch option; expected e.g. --account=ml");
      }
    }
    Checks.range("pollSeconds", pollSeconds, 0.2, 600);
    sbatch = sbatch == null || sbatch.isBlank() ? "sbatch" : sbatch.strip();
    if (!time.isEmpty() && !time.matches("[0-9:-]+|UNLIMITED|INFINITE")) {
      throw new IllegalArgumentException(
          "time: '" + time + "' is not a Slurm time limit; expected e.g. 30, 30:00, 2:00:00, 1-12");
    }
    if (!mem.isEmpty() && !mem.matches("[0-9]+[KMGT]?")) {
      throw new IllegalArgumentException(
          "mem: '" + mem + "' is not a Slurm memory size; expected e.g. 4000 (MiB), 4G, 512M");
    }
  }

  /** Cluster defaults, one core per thread, a look every 2 s. */
  public static SlurmConfig defaults() {
    return new SlurmConfig("", "", 0, "", 0, List.of(), 2.0, "sbatch");
  }
}
