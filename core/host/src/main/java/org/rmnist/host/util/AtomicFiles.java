package org.rmnist.host.util;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes that either happen whole or not at all ({@link org.rmnist.support.AtomicFiles}: a temp
 * file {@code .<name>.<pid>-<n>.tmp} in the same folder, written and flushed to disk, then moved
 * onto the target), and the clean-up of temp files a killed write left behind. Files get the user's
 * umask (not the 0600 of {@link Files#createTempFile}). A write killed halfway leaves only its temp
 * file, which {@link #cleanTemps} removes on the next run once its process is gone.
 */
public final class AtomicFiles {
  /** Suffix of every temp file this class makes. */
  public static final String TEMP_SUFFIX = ".tmp";

  /** How old a temp file without a pid in its name must be before it counts as abandoned. */
  public static final Duration STALE_UNNAMED = Duration.ofHours(1);

  /** {@code .<name>.<pid>-<n>.tmp}: the pid of the process writing it. */
  private AtomicFiles() {}

  /** Replaces {@code target} with {@code text}. */
  public static void writeString(Path target, String text) throws IOException {
    org.rmnist.support.AtomicFiles.writeString(target, text);
  }

  /** Replaces {@code target} with {@code bytes}, fsynced before the rename. */
  public static void write(Path target, byte[] bytes) throws IOException {
    org.rmnist.support.AtomicFiles.write(target, bytes);
  }

  /** Moves a finished temp file onto {@code target}, atomically where the file system can. */
  public static void moveInto(Path tmp, Path target) throws IOException {
    org.rmnist.support.AtomicFiles.moveInto(tmp, target);
  }

  /** Whether {@code name} is the name of a temp file this class makes. */
  public static boolean isTemp(String name) {
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && name.length() > 5;
  }

  /**
   * Deletes the temp files killed writes left in {@code dir} and its sub-folders down to {@code
   * depth} levels; returns them. A temp file whose writer (the pid in its name) is still alive is
   * kept, so another process writing into the same folders (the shared feature cache) is never
   * disturbed; one named without a pid is deleted only when older than {@link #STALE_UNNAMED}. A
   * file that vanishes while the folders are walked (a write finishing: its temp file renamed onto
   * the target) is skipped.
   */
  public static List<Path> cleanTemps(Path dir, int depth) throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return removed;
    }
    Instant before = Instant.now().minus(STALE_UNNAMED);
    Files.walkFileTree(
        dir,
        EnumSet.noneOf(FileVisitOption.class),
        depth,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
            if (isTemp(p.getFileName().toString())
                && attrs.isRegularFile()
                && abandoned(p, before)
                && Files.deleteIfExists(p)) {
              removed.add(p);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              // listed, then gone before it was looked at: another process's write finished
              // (its temp file renamed onto the target) or a folder was removed
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    return removed;
  }

  /** Whether no live process writes {@code p}: its pid is not alive, or, unnamed, it is old. */
  private static boolean abandoned(Path p, Instant before) throws IOException {
    if (org.rmnist.support.AtomicFiles.isLeftover(p)) {
      return !org.rmnist.support.AtomicFiles.writerAlive(p);
    }
    try {
      return Files.getLastModifiedTime(p).toInstant().isBefore(before);
    } catch (NoSuchFileException gone) {
      return false; // renamed onto its target or removed since it was listed
    }
  }
}
