package org.rmnist.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.api.LaunchContext;
import org.rmnist.host.config.ExperimentLoader.Loaded;

/** The host's side of a launch, as a launcher sees it. */
final class HostLaunchContext implements LaunchContext {
  private final Launch launch;
  private final List<String> workerPrefix;
  private final int jobs;
  private final int threads;
  private final PrintStream log;
  private final Coordinator.HereWorker here;
  private final Monitor monitor;

  /**
   * What the launch is about.
   *
   * @param dir the experiment's folder, absolute
   * @param todo runs not done yet
   * @param configSha256 the resolved config's hash, which workers check
   * @param rerunStale whether workers train stale runs again
   * @param sessionStart when the launching command began (epoch ms); -1 for a dry run
   */
  record Launch(
      Loaded loaded,
      Path dir,
      int todo,
      String configSha256,
      boolean rerunStale,
      long sessionStart) {}

  /**
   * @param here the in-process worker for {@link #runHere()}, null for a dry run
   * @param monitor the progress line, paused while this process trains runs itself
   */
  HostLaunchContext(
      Launch launch,
      List<String> workerPrefix,
      int jobs,
      int threads,
      PrintStream log,
      Coordinator.HereWorker here,
      Monitor monitor) {
    this.launch = launch;
    this.workerPrefix = workerPrefix;
    this.jobs = jobs;
    this.threads = threads;
    this.log = log;
    this.here = here;
    this.monitor = monitor;
  }

  @Override
  public String experiment() {
    return launch.loaded().spec().name();
  }

  @Override
  public Path experimentDir() {
    return launch.dir();
  }

  @Override
  public List<String> workerCommand() {
    List<String> cmd = new ArrayList<>(workerPrefix);
    // A worker is given `threads` cores: its JVM sizes garbage collection, JIT compilation and
    // its thread pools to them instead of to the whole machine, so workers side by side do not
    // compete for each other's cores (with 1, the JVM picks its serial collector).
    cmd.add(1, "-XX:ActiveProcessorCount=" + threads);
    cmd.add(launch.loaded().file().toAbsolutePath().normalize().toString());
    cmd.addAll(launch.loaded().overrides());
    cmd.add("--results-dir");
    cmd.add(launch.dir().getParent().toString());
    cmd.add("--session");
    long start = launch.sessionStart();
    cmd.add(Long.toString(start < 0 ? System.currentTimeMillis() : start));
    cmd.add("--threads");
    cmd.add(Integer.toString(threads));
    cmd.add("--config-sha256");
    cmd.add(launch.configSha256());
    if (launch.rerunStale()) {
      cmd.add("--rerun-stale");
    }
    return List.copyOf(cmd);
  }

  @Override
  public int runsToDo() {
    return launch.todo();
  }

  @Override
  public int jobs() {
    return jobs;
  }

  @Override
  public int threadsPerRun() {
    return threads;
  }

  @Override
  public PrintStream log() {
    return log;
  }

  @Override
  public int runHere() throws IOException {
    if (here == null) {
      throw new IllegalStateException("runHere() belongs to launch(), not to describe()");
    }
    monitor.pauseForHere();
    Runner.Batch batch = here.work();
    return batch.failures().isEmpty() ? EXIT_OK : EXIT_RUNS_FAILED;
  }
}
