package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Component;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.Launcher;
import org.rmnist.api.WorkerExit;

/**
 * The contract of a {@link Launcher} that can start workers where this test runs (give it a config
 * that does so in {@link #runnableConfig()}): every worker it reports ran the worker command (or
 * {@link LaunchContext#runHere()}), no more workers than {@code --jobs} asked for, each worker's
 * exit code comes back as the worker gave it, a log it names exists, and {@link Launcher#describe}
 * starts nothing. The worker command here is a shell one-liner that records that it ran. Plus
 * everything {@link ComponentContract} checks.
 *
 * <pre>{@code
 * class LocalContractTest extends LauncherContract<LocalConfig> {
 *   protected LocalLauncher launcher() { return new LocalLauncher(); }
 *   protected BadParameter outOfRange() { return null; }
 * }
 * }</pre>
 *
 * @param <C> the config record
 */
public abstract class LauncherContract<C extends Record> extends ComponentContract<C> {

  /** The launcher under test. */
  protected abstract Launcher<C> launcher();

  /** A config under which the launcher starts workers on this machine; the defaults unless set. */
  protected C runnableConfig() {
    return launcher().defaults();
  }

  @Override
  protected final Component<C> component() {
    return launcher();
  }

  /** A launch context whose worker command appends a line to {@code started} and exits. */
  private static final class Context implements LaunchContext {
    final Path dir;
    final List<String> command;
    final int jobs;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int here;

    Context(Path dir, int exitCode, int jobs) {
      this.dir = dir;
      this.command =
          List.of(
              "/bin/sh", "-c", "echo ran >> '" + dir.resolve("started") + "'; exit " + exitCode);
      this.jobs = jobs;
    }

    int started() throws IOException {
      Path f = dir.resolve("started");
      return (Files.isRegularFile(f) ? Files.readAllLines(f).size() : 0) + here;
    }

    @Override
    public String experiment() {
      return "contract";
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
      return 3;
    }

    @Override
    public int jobs() {
      return jobs;
    }

    @Override
    public int threadsPerRun() {
      return 1;
    }

    @Override
    public PrintStream log() {
      return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    @Override
    public int runHere() {
      here++;
      return EXIT_OK;
    }
  }

  private Context context(int exitCode, int jobs) throws IOException {
    return new Context(Files.createTempDirectory("launcher-contract"), exitCode, jobs);
  }

  @Test
  void everyReportedWorkerRanAndNoMoreThanAskedFor() throws Exception {
    for (int jobs : new int[] {1, 2}) {
      Context ctx = context(0, jobs);
      List<WorkerExit> exits = launcher().launch(runnableConfig(), ctx);
      assertFalse(exits.isEmpty(), "no worker reported for 3 runs to do");
      assertTrue(exits.size() <= jobs, exits.size() + " workers for --jobs " + jobs);
      assertEquals(exits.size(), ctx.started(), "workers reported vs workers that ran");
      for (WorkerExit w : exits) {
        assertEquals(LaunchContext.EXIT_OK, w.exitCode(), w.toString());
        assertTrue(w.log() == null || Files.isRegularFile(w.log()), "missing log " + w.log());
      }
    }
  }

  @Test
  void aWorkersExitCodeComesBackAsItGaveIt() throws Exception {
    Context ctx = context(LaunchContext.EXIT_RUNS_FAILED, 2);
    List<WorkerExit> exits = launcher().launch(runnableConfig(), ctx);
    int processes = exits.size() - ctx.here;
    assertTrue(processes > 0, "two workers asked for, none started as a process: " + exits);
    assertEquals(
        processes,
        exits.stream().filter(w -> w.exitCode() == LaunchContext.EXIT_RUNS_FAILED).count(),
        exits.toString());
  }

  @Test
  void describeStartsNothing() throws Exception {
    Context ctx = context(0, 2);
    String text = launcher().describe(runnableConfig(), ctx);
    assertFalse(text == null || text.isBlank(), "describe() says nothing");
    assertEquals(0, ctx.started(), "describe() started a worker");
  }
}
