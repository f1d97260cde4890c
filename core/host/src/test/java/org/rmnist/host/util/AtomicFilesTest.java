package org.rmnist.host.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
  @TempDir Path tmp;

  @Test
  void filesGetTheUsersUmaskNotTheTempFilesOwnerOnlyMode() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(tmp.resolve("plain.txt")); // created with the umask
    Path written = tmp.resolve("written.txt");
    AtomicFiles.writeString(written, "x");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    assertEquals(expected, Files.getPosixFilePermissions(written));
    AtomicFiles.writeString(written, "replaced");
    assertEquals(expected, Files.getPosixFilePermissions(written));
  }

  @Test
  void aWriteLeavesNoTempFileAndReplacesTheTargetWhole() throws IOException {
    Path target = tmp.resolve("a.json");
    AtomicFiles.writeString(target, "{\"old\": true}");
    AtomicFiles.writeString(target, "{\"new\": true}");
    assertEquals("{\"new\": true}", Files.readString(target));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(target), s.toList());
    }
  }

  @Test
  void cleanTempsRemovesOnlyLeftoverTempFiles() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("runs/r1"));
    Path leftover = Files.writeString(run.resolve(".done.json.0a1b2c3d.tmp"), "{\"ha");
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path recent = Files.writeString(run.resolve(".metrics.json.4e5f6a7b.tmp"), "{");
    Path kept = Files.writeString(run.resolve("done.json"), "{}");
    Path hidden = Files.writeString(tmp.resolve(".keep"), "");
    assertEquals(List.of(leftover), AtomicFiles.cleanTemps(tmp, 3));
    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(kept) && Files.exists(hidden));
    assertTrue(Files.exists(recent), "without a pid, a recent temp file may be another's write");
  }

  @Test
  void cleanTempsKeepsTheTempFilesOfLiveProcesses() throws IOException, InterruptedException {
    Process exited =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .start();
    exited.getInputStream().readAllBytes();
    exited.waitFor();
    assertFalse(exited.isAlive());
    Path cache = Files.createDirectories(tmp.resolve(".cache/features/ab"));
    Path live =
        Files.writeString(
            cache.resolve(".ab12.f32." + ProcessHandle.current().pid() + "-7.tmp"), "writing");
    Path dead = Files.writeString(cache.resolve(".ab34.f32." + exited.pid() + "-1.tmp"), "killed");
    assertEquals(List.of(dead), AtomicFiles.cleanTemps(tmp, 4));
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
  void cleanTempsIgnoresTempFilesThatAreRenamedAwayWhileItWalks() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("demo/runs/r1"));
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
        assertEquals(List.of(), AtomicFiles.cleanTemps(tmp, 4));
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
}
