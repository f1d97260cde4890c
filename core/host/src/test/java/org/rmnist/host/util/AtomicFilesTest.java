package org.rmnist.host.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    Path kept = Files.writeString(run.resolve("done.json"), "{}");
    Path hidden = Files.writeString(tmp.resolve(".keep"), "");
    assertEquals(List.of(leftover), AtomicFiles.cleanTemps(tmp, 3));
    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(kept) && Files.exists(hidden));
  }
}
