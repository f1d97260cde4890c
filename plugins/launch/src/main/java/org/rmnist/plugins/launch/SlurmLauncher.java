package org.rmnist.plugins.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.Launcher;
import org.rmnist.api.WorkerExit;

/**
 * {@code slurm}: one job array ({@code sbatch --array}) whose tasks each run the worker command on
 * the shared experiment folder; waits by polling squeue, then reads each task's exit code from
 * scontrol. The script and the tasks' logs are kept in {@code launch/}. Interrupting the launching
 * command leaves the job running (its workers still record their runs); running the command again
 * collects them and resumes what is left.
 */
@Extension
public final class SlurmLauncher implements Launcher<SlurmConfig> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Override
  public String id() {
    return "slurm";
  }

  @Override
  public String summary() {
    return "a Slurm job array (--jobs tasks, default one per run) on the cluster's shared disk";
  }

  @Override
  public Class<SlurmConfig> configType() {
    return SlurmConfig.class;
  }

  @Override
  public SlurmConfig defaults() {
    return SlurmConfig.defaults();
  }

  /** How many array tasks to submit. */
  static int tasks(LaunchContext ctx) {
    int todo = Math.max(1, ctx.runsToDo());
    return ctx.jobs() > 0 ? Math.min(ctx.jobs(), todo) : todo;
  }

  /** The batch script for {@code ctx}'s workers. */
  static String script(SlurmConfig c, LaunchContext ctx) {
    Path logs = ctx.experimentDir().resolve("launch");
    int tasks = tasks(ctx);
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    sb.append("# rmnist experiment '")
        .append(ctx.experiment())
        .append("': ")
        .append(tasks)
        .append(" workers for ")
        .append(ctx.runsToDo())
        .append(" runs to do, written by the slurm launcher\n");
    sb.append("#SBATCH --job-name=rmnist-").append(ctx.experiment()).append('\n');
    sb.append("#SBATCH --array=0-")
        .append(tasks - 1)
        .append(c.maxRunning() > 0 ? "%" + c.maxRunning() : "")
        .append('\n');
    sb.append("#SBATCH --output=").append(logs.resolve("slurm-%A_%a.log")).append('\n');
    sb.append("#SBATCH --cpus-per-task=")
        .append(c.cpusPerTask() > 0 ? c.cpusPerTask() : ctx.threadsPerRun())
        .append('\n');
    option(sb, "--partition=", c.partition());
    option(sb, "--time=", c.time());
    option(sb, "--mem=", c.mem());
    c.extraArgs().forEach(a -> sb.append("#SBATCH ").append(a).append('\n'));
    String name = "slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}";
    sb.append("export RMNIST_WORKER_NAME=\"").append(name).append("\"\n");
    sb.append("export RMNIST_WORKER_LOG=")
        .append(Shell.quote(logs.toString()))
        .append("/\"")
        .append(name)
        .append(".log\"\n");
    sb.append("exec ").append(Shell.join(ctx.workerCommand())).append('\n');
    return sb.toString();
  }

  private static void option(StringBuilder sb, String flag, String value) {
    if (!value.isEmpty()) {
      sb.append("#SBATCH ").append(flag).append(value).append('\n');
    }
  }

  @Override
  public String describe(SlurmConfig config, LaunchContext ctx) {
    return "slurm: "
        + config.sbatch()
        + " --parsable SCRIPT, where SCRIPT is:\n"
        + script(config, ctx);
  }

  @Override
  public List<WorkerExit> launch(SlurmConfig config, LaunchContext ctx)
      throws IOException, InterruptedException {
    Path logs = ctx.experimentDir().resolve("launch");
    Files.createDirectories(logs);
    Path script = logs.resolve("slurm-" + LocalDateTime.now().format(STAMP) + ".sh");
    Files.writeString(script, script(config, ctx), StandardCharsets.UTF_8);
    Slurm slurm = new Slurm(config.sbatch());
    String job = slurm.submit(script);
    int tasks = tasks(ctx);
    ctx.log()
        .printf(
            "submitted Slurm job %s: %d array tasks; script %s, logs %s (the job goes on if this "
                + "command stops: `scancel %s` ends it, running the command again resumes)%n",
            job, tasks, script, logs.resolve("slurm-" + job + "_*.log"), job);
    long poll = Math.round(config.pollSeconds() * 1000);
    Map<String, Integer> last = new HashMap<>();
    while (true) {
      Map<String, Integer> queued = slurm.queued(job);
      if (queued.isEmpty()) {
        break;
      }
      if (!queued.equals(last)) {
        ctx.log().println("Slurm job " + job + ": " + queued.toString().replaceAll("[{}]", ""));
        last = queued;
      }
      Thread.sleep(poll);
    }
    return exits(slurm.tasks(job), job, tasks, logs);
  }

  /**
   * Each task's exit. A task that failed without writing its log never started a worker: its node
   * could not write to the experiment's folder, i.e. the folder is not shared with that node (or
   * not writable there), which the host reports as one error.
   */
  static List<WorkerExit> exits(List<Slurm.Task> known, String job, int tasks, Path logs) {
    Map<Integer, Slurm.Task> byIndex = new HashMap<>();
    known.forEach(t -> byIndex.put(t.index(), t));
    List<WorkerExit> exits = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      Path log = logs.resolve("slurm-" + job + "_" + i + ".log");
      Slurm.Task t = byIndex.get(i);
      int code = t == null ? -1 : t.exitCode();
      if (code != 0 && !Files.isRegularFile(log)) {
        code = LaunchContext.EXIT_NOT_SHARED;
      }
      exits.add(new WorkerExit("array task " + job + "_" + i, code, log));
    }
    return exits;
  }
}
