package org.rmnist.plugins.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.WorkerExit;
import org.rmnist.testkit.TestLaunchContext;

/** Worker processes: how many, their exits and logs, and the in-process shortcut. */
class LocalLauncherTest {
  @TempDir Path dir;

  private final LocalLauncher local = new LocalLauncher();

  @Test
  void workersDefaultToCoresPerThreadAndNeverExceedTheRunsToDo() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(cores, LocalLauncher.workers(new TestLaunchContext(dir, List.of(), 100, 0, 1)));
    assertEquals(
        Math.max(1, cores / 2),
        LocalLauncher.workers(new TestLaunchContext(dir, List.of(), 100, 0, 2)));
    assertEquals(3, LocalLauncher.workers(new TestLaunchContext(dir, List.of(), 3, 8, 1)));
    assertEquals(5, LocalLauncher.workers(new TestLaunchContext(dir, List.of(), 9, 5, 1)));
    assertEquals(1, LocalLauncher.workers(new TestLaunchContext(dir, List.of(), 9, 0, 4096)));
  }

  @Test
  void eachWorkerIsAProcessWithItsNameLogAndExitCode() throws Exception {
    // a worker that prints its name and exits 3 when it is the second one
    List<String> cmd =
        List.of(
            "sh",
            "-c",
            "echo \"I am $RMNIST_WORKER_NAME, log $RMNIST_WORKER_LOG\"; "
                + "case $RMNIST_WORKER_NAME in w2-*) exit 3;; esac");
    TestLaunchContext ctx = new TestLaunchContext(dir, cmd, 10, 2, 1);
    List<WorkerExit> exits = local.launch(LocalConfig.defaults(), ctx);
    assertEquals(2, exits.size());
    assertEquals(0, exits.get(0).exitCode());
    assertEquals(3, exits.get(1).exitCode());
    for (WorkerExit w : exits) {
      String log = Files.readString(w.log());
      assertTrue(log.startsWith("I am w"), log);
      assertTrue(log.contains("log " + w.log()), log);
      assertEquals(dir.resolve("launch"), w.log().getParent());
    }
    assertTrue(
        ctx.printed().contains("started 2 local workers of 1 thread(s) each"), ctx.printed());
    assertEquals(0, ctx.ranHere());
  }

  @Test
  void oneWorkerRunsInsideTheLaunchingCommandUnlessToldOtherwise() throws Exception {
    TestLaunchContext ctx = new TestLaunchContext(dir, List.of("sh", "-c", "exit 5"), 4, 1, 1);
    assertEquals(
        List.of(new WorkerExit("this process", 0, null)),
        local.launch(LocalConfig.defaults(), ctx));
    assertEquals(1, ctx.ranHere());
    List<WorkerExit> own = local.launch(new LocalConfig(false), ctx);
    assertEquals(5, own.get(0).exitCode());
    assertEquals(1, ctx.ranHere());
    assertTrue(local.describe(LocalConfig.defaults(), ctx).contains("inside this command"));
    assertTrue(
        local
            .describe(LocalConfig.defaults(), new TestLaunchContext(dir, List.of("a b"), 4, 2, 1))
            .contains("up to 2 worker processes, each running:\n  'a b'"));
  }
}
