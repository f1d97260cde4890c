package org.rmnist.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.rmnist.api.LaunchContext;

/**
 * A {@link LaunchContext} for a launcher's tests: a given worker command, folder, runs to do, jobs
 * and threads; it records what the launcher printed and how often it asked to {@link #runHere()}
 * (which trains nothing and returns {@link #EXIT_OK}).
 */
public final class TestLaunchContext implements LaunchContext {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final Path dir;
  private final List<String> command;
  private final int todo;
  private final int jobs;
  private final int threads;
  private int ranHere;

  /**
   * @param dir the experiment's folder (the launcher may write under {@code launch/})
   * @param command the worker command
   * @param todo runs not done yet
   * @param jobs workers asked for (0: the launcher chooses)
   * @param threads threads per run
   */
  public TestLaunchContext(Path dir, List<String> command, int todo, int jobs, int threads) {
    this.dir = dir;
    this.command = List.copyOf(command);
    this.todo = todo;
    this.jobs = jobs;
    this.threads = threads;
  }

  /** What the launcher printed to {@link #log()}. */
  public String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** How many times the launcher called {@link #runHere()}. */
  public int ranHere() {
    return ranHere;
  }

  @Override
  public String experiment() {
    return "demo";
  }

  @Override
  public Path experimentDir() {
    return dir;
  }

  @Override
  public List<String> workerCommand() {
    return command;
  }

  @Override
  public int runsToDo() {
    return todo;
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
  public int runHere() {
    ranHere++;
    return EXIT_OK;
  }
}
