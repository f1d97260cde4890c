package org.rmnist.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesReplaceTheTargetAndLeaveNoTempFile() throws IOException {
    Path target = dir.resolve("done.json");
    AtomicFiles.writeString(target, "{\"a\": 1}\n");
    assertEquals("{\"a\": 1}\n", Files.readString(target));
    AtomicFiles.write(target, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals(List.of("done.json"), names());
  }

  @Test
  void aStreamedBodyMayCloseItsStream() throws IOException {
    Path target = dir.resolve("model.bin");
    AtomicFiles.write(
        target,
        out -> {
          try (DataOutputStream data = new DataOutputStream(out)) {
            data.writeUTF("magic");
            data.writeInt(7);
          }
        });
    assertEquals(2 + 5 + 4, Files.size(target));
    assertEquals(List.of("model.bin"), names());
  }

  @Test
  void aFailingBodyLeavesTheOldTargetAndNoTempFile() throws IOException {
    Path target = dir.resolve("metrics.json");
    Files.writeString(target, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of("metrics.json"), names());
  }

  @Test
  void missingParentFoldersAreCreated() throws IOException {
    Path target = dir.resolve("a/b/c.txt");
    AtomicFiles.writeString(target, "x");
    assertEquals("x", Files.readString(target));
  }

  @Test
  void theFileAndThenItsFolderAreSynced() throws IOException {
    long before = AtomicFiles.SYNCS.sum();
    AtomicFiles.writeString(dir.resolve("x.txt"), "x");
    // Linux can open a folder for fsync: the file's force and the folder's force both ran.
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertEquals(before + 2, AtomicFiles.SYNCS.sum());
  }

  @Test
  void permissionsFollowTheUmaskNotTheOwnerOnlyTempFileOnes() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path reference = Files.createFile(dir.resolve("reference"));
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
    Path target = dir.resolve("provenance.json");
    AtomicFiles.writeString(target, "{}");
    assertEquals(expected, Files.getPosixFilePermissions(target));
    Path temp = Files.createTempFile(dir, "t", ".tmp");
    // With the usual umask (022 or 002) a new file is readable by others; createTempFile's is not.
    assumeTrue(expected.contains(PosixFilePermission.OTHERS_READ));
    assertFalse(Files.getPosixFilePermissions(temp).contains(PosixFilePermission.OTHERS_READ));
    assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ));
  }

  @Test
  void aTempNameLeftByAKilledProcessWithTheSamePidIsSkipped() throws IOException {
    long pid = ProcessHandle.current().pid();
    long next = AtomicFiles.COUNTER.get() + 1;
    Path stale = Files.writeString(dir.resolve(".x.txt." + pid + "-" + next + ".tmp"), "stale");
    AtomicFiles.writeString(dir.resolve("x.txt"), "fresh");
    assertEquals("fresh", Files.readString(dir.resolve("x.txt")));
    assertEquals("stale", Files.readString(stale));
  }

  @Test
  void leftoversOfKilledWritesAreRecognisedAndDeleted() throws IOException {
    long dead = deadPid();
    Path leftover = Files.writeString(dir.resolve(".done.json." + dead + "-7.tmp"), "{\"half");
    Path live =
        Files.writeString(
            dir.resolve(".live.json." + ProcessHandle.current().pid() + "-9.tmp"), "writing");
    Files.writeString(dir.resolve("done.json"), "{}");
    Files.writeString(dir.resolve(".hidden"), "");
    Files.writeString(dir.resolve("notes.tmp"), "");
    Files.writeString(dir.resolve(".x.tmp"), "");
    Files.createDirectories(dir.resolve("sub"));
    Path nested = Files.writeString(dir.resolve("sub/.a.1-1.tmp"), "");
    assertTrue(AtomicFiles.isLeftover(leftover));
    assertFalse(AtomicFiles.isLeftover(dir.resolve("notes.tmp")));
    assertEquals(List.of(leftover), AtomicFiles.deleteLeftovers(dir, 1));
    assertTrue(AtomicFiles.writerAlive(live), "this process is alive");
    assertEquals(
        List.of(
            ".hidden",
            ".live.json." + ProcessHandle.current().pid() + "-9.tmp",
            ".x.tmp",
            "done.json",
            "notes.tmp",
            "sub"),
        names());
    assertTrue(Files.exists(nested), "sub-folders below the depth are left alone");
    assertEquals(List.of(), AtomicFiles.deleteLeftovers(dir.resolve("missing"), 1));
  }

  @Test
  void deleteLeftoversWalksSubFoldersAndKeepsRecentTempFilesWithoutAPid() throws IOException {
    Path run = Files.createDirectories(dir.resolve("runs/r1"));
    Path old = Files.writeString(run.resolve(".done.json.0a1b2c3d.tmp"), "{\"ha");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path recent = Files.writeString(run.resolve(".metrics.json.4e5f6a7b.tmp"), "{");
    Path kept = Files.writeString(run.resolve("done.json"), "{}");
    Path hidden = Files.writeString(dir.resolve(".keep"), "");
    Path tooDeep = Files.createDirectories(dir.resolve("runs/r1/work/deeper"));
    Path deep = Files.writeString(tooDeep.resolve(".x." + deadPid() + "-1.tmp"), "");
    assertEquals(List.of(old), AtomicFiles.deleteLeftovers(dir, 3));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(kept) && Files.exists(hidden));
    assertTrue(Files.exists(recent), "without a pid, a recent temp file may be another's write");
    assertTrue(Files.exists(deep), "below the depth asked for");
    assertEquals(List.of(deep), AtomicFiles.deleteLeftovers(dir, 5));
  }

  @Test
  void deleteLeftoversKeepsTheTempFilesOfLiveProcesses() throws IOException, InterruptedException {
    Process exited =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .start();
    exited.getInputStream().readAllBytes();
    exited.waitFor();
    assertFalse(exited.isAlive());
    Path cache = Files.createDirectories(dir.resolve(".cache/features/ab"));
    Path live =
        Files.writeString(
            cache.resolve(".ab12.f32." + ProcessHandle.current().pid() + "-7.tmp"), "writing");
    Path dead = Files.writeString(cache.resolve(".ab34.f32." + exited.pid() + "-1.tmp"), "killed");
    assertEquals(List.of(dead), AtomicFiles.deleteLeftovers(dir, 4));
    assertTrue(Files.exists(live), "a live process's write in flight is left alone");
    assertFalse(Files.exists(dead));
  }

  /**
   * Another command's writes finish while the clean-up walks the folder: a temp file listed by the
   * walk is renamed away before it is looked at. That must not fail the clean-up (it once failed a
   * whole run command, "NoSuchFileException: .results.jsonl.362-2.tmp", when two commands shared a
   * results folder).
   */
  @Test
  void deleteLeftoversIgnoresTempFilesThatAreRenamedAwayWhileItWalks() throws Exception {
    Path run = Files.createDirectories(dir.resolve("demo/runs/r1"));
    Path target = run.resolve("results.jsonl");
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        done.add(
            writers.submit(
                () -> {
                  int n = 0;
                  while (!stop.get()) {
                    AtomicFiles.writeString(target, "x".repeat(4096));
                    n++;
                  }
                  return n;
                }));
      }
      long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      int walks = 0;
      while (System.nanoTime() < end) {
        // the writers are this process, alive: none of their temp files may be removed
        assertEquals(List.of(), AtomicFiles.deleteLeftovers(dir, 4));
        walks++;
      }
      stop.set(true);
      int writes = done.get(0).get() + done.get(1).get();
      assertTrue(walks > 100 && writes > 20, walks + " walks, " + writes + " writes");
    } finally {
      stop.set(true);
      writers.shutdownNow();
    }
    assertEquals("x".repeat(4096), Files.readString(target));
  }

  /** A pid no process has: past the largest pid Linux hands out. */
  private static long deadPid() {
    return ProcessHandle.current().pid() + 1_000_000_000L;
  }
}
