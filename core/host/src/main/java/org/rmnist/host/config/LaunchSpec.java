package org.rmnist.host.config;

import java.util.Map;

/**
 * How an experiment's runs are executed: by which launcher, with how many workers, and how many
 * threads per run. The command line's {@code --launcher}, {@code --jobs} and {@code --threads}
 * override it.
 *
 * @param id the launcher extension's id; null (unsaid): {@code local}, worker processes on this
 *     machine, and where no plugin provides it, the runs train in the launching process
 * @param jobs workers (local processes, or tasks of a Slurm array); 0 = the launcher chooses
 *     (local: cores ÷ threads)
 * @param threads threads each run uses; part of what makes results identical whatever the launcher,
 *     so it does not change with the number of workers
 * @param params the launcher's own parameters (Slurm: partition, time, memory, ...)
 */
public record LaunchSpec(String id, Integer jobs, Integer threads, Map<String, Object> params) {
  /** The launcher used when none is named. */
  public static final String DEFAULT_LAUNCHER = "local";

  public LaunchSpec {
    jobs = jobs == null ? 0 : jobs;
    threads = threads == null ? 1 : threads;
    params = params == null ? Map.of() : params;
  }

  /** The launcher's id, {@link #DEFAULT_LAUNCHER} when unsaid. */
  public String launcher() {
    return id == null ? DEFAULT_LAUNCHER : id;
  }

  /** The default: local workers, as many as cores, one thread per run. */
  public static LaunchSpec defaults() {
    return new LaunchSpec(null, null, null, null);
  }
}
