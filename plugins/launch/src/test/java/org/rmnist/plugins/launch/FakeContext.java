package org.rmnist.plugins.launch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.rmnist.api.LaunchContext;

/** A launch context with a given worker command, for launchers' tests. */
final class FakeContext implements LaunchContext {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Path dir;
  private final List<String> command;
  private final int todo;
  private final int jobs;
  private final int threads;
  int ranHere;

  FakeContext(Path dir, List<String> command, int todo, int jobs, int threads) {
    this.dir = dir;
    this.command = command;
    this.todo = todo;
    this.jobs = jobs;
    this.threads = threads;
  }

  String printed() {
    return out.toString(StandardCharsets.UTF_8);
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
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  @Override
  public int runHere() {
    ranHere++;
    return EXIT_OK;
  }
}
