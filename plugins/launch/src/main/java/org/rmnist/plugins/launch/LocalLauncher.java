package org.rmnist.plugins.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.Launcher;
import org.rmnist.api.WorkerExit;

/**
 * {@code local}: N worker processes on this machine, each a JVM that claims and trains runs one at
 * a time; N is {@code --jobs}, else cores ÷ threads per run. Each worker's output goes to {@code
 * launch/<time>-w<i>.log} in the experiment's folder. Stopping the launching command (Ctrl-C) stops
 * its workers; their runs are claimed again by the next command.
 */
@Extension
public final class LocalLauncher implements Launcher<LocalConfig> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Override
  public String id() {
    return "local";
  }

  @Override
  public String summary() {
    return "worker processes on this machine (--jobs N, default cores / threads per run)";
  }

  @Override
  public Class<LocalConfig> configType() {
    return LocalConfig.class;
  }

  @Override
  public LocalConfig defaults() {
    return LocalConfig.defaults();
  }

  /** How many workers to start. */
  static int workers(LaunchContext ctx) {
    int wanted =
        ctx.jobs() > 0
            ? ctx.jobs()
            : Math.max(1, Runtime.getRuntime().availableProcessors() / ctx.threadsPerRun());
    return Math.max(1, Math.min(wanted, Math.max(1, ctx.runsToDo())));
  }

  @Override
  public List<WorkerExit> launch(LocalConfig config, LaunchContext ctx)
      throws IOException, InterruptedException {
    int n = workers(ctx);
    if (n == 1 && config.inProcess()) {
      return List.of(new WorkerExit("this process", ctx.runHere(), null));
    }
    Path dir = ctx.experimentDir().resolve("launch");
    Files.createDirectories(dir);
    String stamp = LocalDateTime.now().format(STAMP);
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    Thread stopAll = new Thread(() -> processes.forEach(Process::destroy), "stop-local-workers");
    Runtime.getRuntime().addShutdownHook(stopAll);
    try {
      for (int i = 1; i <= n; i++) {
        Path log = dir.resolve(stamp + "-w" + i + ".log");
        ProcessBuilder pb =
            new ProcessBuilder(ctx.workerCommand())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("RMNIST_WORKER_NAME", "w" + i + "-" + ProcessHandle.current().pid());
        pb.environment().put("RMNIST_WORKER_LOG", log.toString());
        processes.add(pb.start());
        logs.add(log);
      }
      ctx.log()
          .printf(
              "started %d local workers of %d thread(s) each; logs: %s%n",
              n, ctx.threadsPerRun(), dir.resolve(stamp + "-w*.log"));
      List<WorkerExit> exits = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        exits.add(new WorkerExit("worker " + (i + 1), processes.get(i).waitFor(), logs.get(i)));
      }
      return exits;
    } catch (InterruptedException e) {
      processes.forEach(Process::destroy);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopAll);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs
      }
    }
  }

  @Override
  public String describe(LocalConfig config, LaunchContext ctx) {
    int n = workers(ctx);
    return (n == 1 && config.inProcess()
            ? "local: up to 1 worker, inside this command"
            : "local: up to " + n + " worker processes, each running:")
        + "\n  "
        + Shell.join(ctx.workerCommand());
  }
}
