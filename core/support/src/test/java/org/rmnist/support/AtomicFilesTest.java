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
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
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
    long dead = ProcessHandle.current().pid() + 1_000_000_000L;
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
    assertEquals(List.of(leftover), AtomicFiles.deleteLeftovers(dir));
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
    assertTrue(Files.exists(nested), "sub-folders are left alone");
    assertEquals(List.of(), AtomicFiles.deleteLeftovers(dir.resolve("missing")));
  }
}
