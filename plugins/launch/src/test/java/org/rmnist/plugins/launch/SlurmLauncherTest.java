package org.rmnist.plugins.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.WorkerExit;
import org.rmnist.testkit.TestLaunchContext;

/**
 * The batch script, the config's checks, how task exits are read, and the errors of a missing or
 * failing sbatch (with stand-in commands; the real cluster is tested in dist's LaunchersTest).
 */
class SlurmLauncherTest {
  @TempDir Path dir;

  private final SlurmLauncher slurm = new SlurmLauncher();

  private SlurmConfig config(String partition, String time, int cpus, String mem, int max) {
    return new SlurmConfig(
        partition, time, cpus, mem, max, List.of("--account=ml", "--qos=short"), 2, "sbatch");
  }

  @Test
  void theScriptAsksForWhatTheConfigSaysAndRunsTheWorkerCommandQuoted() {
    TestLaunchContext ctx =
        new TestLaunchContext(
            dir, List.of("/opt/java/bin/java", "-cp", "a b/*", "Main", "worker"), 7, 3, 2);
    String s = SlurmLauncher.script(config("gpu", "2:00:00", 0, "4G", 2), ctx);
    assertTrue(s.startsWith("#!/bin/bash\n"), s);
    for (String line :
        List.of(
            "#SBATCH --job-name=rmnist-demo",
            "#SBATCH --array=0-2%2",
            "#SBATCH --output=" + dir.resolve("launch/slurm-%A_%a.log"),
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --partition=gpu",
            "#SBATCH --time=2:00:00",
            "#SBATCH --mem=4G",
            "#SBATCH --account=ml",
            "#SBATCH --qos=short",
            "export RMNIST_WORKER_NAME=\"slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"",
            "exec /opt/java/bin/java -cp 'a b/*' Main worker")) {
      assertTrue(s.contains(line + "\n"), line + " in\n" + s);
    }
    String defaults =
        SlurmLauncher.script(
            SlurmConfig.defaults(), new TestLaunchContext(dir, List.of("w"), 5, 0, 1));
    assertTrue(defaults.contains("#SBATCH --array=0-4\n"), "one task per run to do:\n" + defaults);
    assertTrue(defaults.contains("#SBATCH --cpus-per-task=1\n"), defaults);
    assertTrue(!defaults.contains("--partition") && !defaults.contains("--mem"), defaults);
    assertTrue(
        slurm.describe(SlurmConfig.defaults(), ctx).startsWith("slurm: sbatch --parsable SCRIPT"));
  }

  @Test
  void badValuesAreNamedWithWhatIsExpected() {
    assertEquals(
        "time: '2 hours' is not a Slurm time limit; expected e.g. 30, 30:00, 2:00:00, 1-12",
        assertThrows(IllegalArgumentException.class, () -> config("", "2 hours", 0, "", 0))
            .getMessage());
    assertEquals(
        "mem: '4GB' is not a Slurm memory size; expected e.g. 4000 (MiB), 4G, 512M",
        assertThrows(IllegalArgumentException.class, () -> config("", "", 0, "4GB", 0))
            .getMessage());
    assertEquals(
        "extraArgs: 'account=ml' is not one sbatch option; expected e.g. --account=ml",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SlurmConfig("", "", 0, "", 0, List.of("account=ml"), 2, "sbatch"))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> config("", "", -1, "", 0))
            .getMessage()
            .startsWith("cpusPerTask: must be in [0, 4096]"));
  }

  @Test
  void exitCodesAndSignalsAreReadAsAShellWould() {
    assertEquals(0, Slurm.exitCode("0:0"));
    assertEquals(3, Slurm.exitCode("3:0"));
    assertEquals(137, Slurm.exitCode("0:9"));
    assertEquals(-1, Slurm.exitCode(""));
  }

  @Test
  void aTaskThatFailedWithoutALogCouldNotReachTheFolder() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("launch"));
    Files.writeString(logs.resolve("slurm-42_0.log"), "ok");
    Files.writeString(logs.resolve("slurm-42_1.log"), "error: boom");
    List<WorkerExit> exits =
        SlurmLauncher.exits(
            List.of(
                new Slurm.Task(0, "COMPLETED", 0, null),
                new Slurm.Task(1, "FAILED", 1, null),
                new Slurm.Task(2, "FAILED", 53, null)),
            "42",
            4,
            logs);
    assertEquals(0, exits.get(0).exitCode());
    assertEquals(1, exits.get(1).exitCode());
    assertEquals(LaunchContext.EXIT_NOT_SHARED, exits.get(2).exitCode(), "no log written");
    assertEquals(LaunchContext.EXIT_NOT_SHARED, exits.get(3).exitCode(), "forgotten, no log");
    assertEquals("array task 42_1", exits.get(1).worker());
    assertEquals(logs.resolve("slurm-42_1.log"), exits.get(1).log());
  }

  @Test
  void aMissingSbatchIsNamedWithWhatToInstall() {
    SlurmConfig c =
        new SlurmConfig("", "", 0, "", 0, List.of(), 2, dir.resolve("nowhere/sbatch").toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> slurm.launch(c, new TestLaunchContext(dir, List.of("w"), 2, 0, 1)));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("nowhere/sbatch") + ": cannot run it ("),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("Slurm's client commands (Debian: slurm-client)"), e.getMessage());
  }

  @Test
  void aFailingSbatchIsNamedWithItsErrorOutput() throws IOException {
    Path sbatch = dir.resolve("bin/sbatch");
    Files.createDirectories(sbatch.getParent());
    Files.writeString(
        sbatch, "#!/bin/sh\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
    Files.setPosixFilePermissions(sbatch, PosixFilePermissions.fromString("rwxr-xr-x"));
    SlurmConfig c = new SlurmConfig("nope", "", 0, "", 0, List.of(), 2, sbatch.toString());
    IOException e =
        assertThrows(
            IOException.class,
            () -> slurm.launch(c, new TestLaunchContext(dir, List.of("w"), 2, 0, 1)));
    assertTrue(
        e.getMessage().startsWith(sbatch + " --parsable " + dir.resolve("launch")), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(" failed (exit 1): sbatch: error: invalid partition specified: nope"),
        e.getMessage());
  }

  @Test
  void itWaitsWhileTheQueueListsTheJobThenReadsEachTaskFromScontrol() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path polls = dir.resolve("polls");
    script(bin.resolve("sbatch"), "echo 77");
    // squeue lists the job's two tasks twice, then nothing
    script(
        bin.resolve("squeue"),
        "n=$(cat "
            + polls
            + " 2>/dev/null || echo 0); echo $((n+1)) > "
            + polls
            + "\n"
            + "[ $n -lt 2 ] && printf 'RUNNING\\nPENDING\\n'; exit 0");
    script(
        bin.resolve("scontrol"),
        "echo 'JobId=78 ArrayJobId=77 ArrayTaskId=0 JobState=COMPLETED ExitCode=0:0'\n"
            + "echo 'JobId=79 ArrayJobId=77 ArrayTaskId=1 JobState=FAILED ExitCode=1:0'");
    Path logs = Files.createDirectories(dir.resolve("launch"));
    Files.writeString(logs.resolve("slurm-77_0.log"), "");
    Files.writeString(logs.resolve("slurm-77_1.log"), "");
    SlurmConfig c =
        new SlurmConfig("", "", 0, "", 0, List.of(), 0.2, bin.resolve("sbatch").toString());
    TestLaunchContext ctx = new TestLaunchContext(dir, List.of("w"), 2, 0, 1);
    List<WorkerExit> exits = slurm.launch(c, ctx);
    assertEquals(List.of(0, 1), exits.stream().map(WorkerExit::exitCode).toList());
    assertEquals("3", Files.readString(polls).strip(), "polled until the queue was empty");
    assertTrue(ctx.printed().contains("submitted Slurm job 77: 2 array tasks"), ctx.printed());
    assertTrue(ctx.printed().contains("Slurm job 77: RUNNING=1, PENDING=1"), ctx.printed());
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
