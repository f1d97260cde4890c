package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
  private static TestLaunchContext context(Path dir, int exitCode, int jobs) {
    String started = dir.resolve("started").toString();
    return new TestLaunchContext(
        dir,
        List.of("/bin/sh", "-c", "echo ran >> '" + started + "'; exit " + exitCode),
        3,
        jobs,
        1);
  }

  /** Workers that ran: lines in {@code started}, plus workers run in the test's process. */
  private static int started(Path dir, TestLaunchContext ctx) throws IOException {
    Path f = dir.resolve("started");
    return (Files.isRegularFile(f) ? Files.readAllLines(f).size() : 0) + ctx.ranHere();
  }

  @Test
  void everyReportedWorkerRanAndNoMoreThanAskedFor() throws Exception {
    for (int jobs : new int[] {1, 2}) {
      Path dir = Files.createTempDirectory("launcher-contract");
      TestLaunchContext ctx = context(dir, 0, jobs);
      List<WorkerExit> exits = launcher().launch(runnableConfig(), ctx);
      assertFalse(exits.isEmpty(), "no worker reported for 3 runs to do");
      assertTrue(exits.size() <= jobs, exits.size() + " workers for --jobs " + jobs);
      assertEquals(exits.size(), started(dir, ctx), "workers reported vs workers that ran");
      for (WorkerExit w : exits) {
        assertEquals(LaunchContext.EXIT_OK, w.exitCode(), w.toString());
        assertTrue(w.log() == null || Files.isRegularFile(w.log()), "missing log " + w.log());
      }
    }
  }

  @Test
  void aWorkersExitCodeComesBackAsItGaveIt() throws Exception {
    TestLaunchContext ctx =
        context(Files.createTempDirectory("launcher-contract"), LaunchContext.EXIT_RUNS_FAILED, 2);
    List<WorkerExit> exits = launcher().launch(runnableConfig(), ctx);
    int processes = exits.size() - ctx.ranHere();
    assertTrue(processes > 0, "two workers asked for, none started as a process: " + exits);
    assertEquals(
        processes,
        exits.stream().filter(w -> w.exitCode() == LaunchContext.EXIT_RUNS_FAILED).count(),
        exits.toString());
  }

  @Test
  void describeStartsNothing() throws Exception {
    Path dir = Files.createTempDirectory("launcher-contract");
    TestLaunchContext ctx = context(dir, 0, 2);
    String text = launcher().describe(runnableConfig(), ctx);
    assertFalse(text == null || text.isBlank(), "describe() says nothing");
    assertEquals(0, started(dir, ctx), "describe() started a worker");
  }
}
