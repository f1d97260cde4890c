package org.rmnist.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Writes that happen whole or not at all: the content goes to a temp file in the target's folder,
 * is forced to disk (fsync), and is renamed onto the target atomically; the folder is then synced
 * so the rename itself survives a crash. The file gets the permissions of any new file (the user's
 * umask), not the owner-only ones of {@link Files#createTempFile}. A killed write leaves only a
 * temp file named {@code .<target name>.<pid>-<n>.tmp}, which {@link #deleteLeftovers} removes.
 */
public final class AtomicFiles {
  private static final String SUFFIX = ".tmp";

  /** Numbers the temp files of this process. */
  static final AtomicLong COUNTER = new AtomicLong();

  /** How old a hidden temp file without a pid in its name must be before it counts as left over. */
  public static final Duration STALE_UNNAMED = Duration.ofHours(1);

  private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.([0-9]{1,18})-[0-9]+\\.tmp");

  /** fsync calls that succeeded (files and folders): lets tests see the sync path ran. */
  static final LongAdder SYNCS = new LongAdder();

  private AtomicFiles() {}

  /** Writes a file's content to a stream (closing it is allowed and does nothing). */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} with {@code text} in UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Replaces {@code target} with what {@code body} writes (buffered); when the body throws, the
   * target is untouched and the temp file is gone. Creates missing parent folders.
   */
  public static void write(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = newTemp(dir, target.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(new Unclosed(channel), 1 << 16);
        body.write(out);
        out.flush();
        channel.force(true);
        SYNCS.increment();
      }
      moveInto(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Moves a finished (already synced) file onto {@code target}, atomically where the file system
   * can, then syncs the target's folder.
   */
  public static void moveInto(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder(target.toAbsolutePath().getParent());
  }

  /**
   * Forces a folder's entries (a rename, a new file) to disk. Best effort: some systems (Windows)
   * cannot open a folder for syncing, and there the rename is as durable as the system makes it.
   */
  public static void syncFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
      SYNCS.increment();
    } catch (IOException e) {
      // not supported here; nothing more can be done
    }
  }

  /** Whether {@code file} is a temp file this class leaves behind when its writer is killed. */
  public static boolean isLeftover(Path file) {
    Path name = file.getFileName();
    return name != null && LEFTOVER.matcher(name.toString()).matches();
  }

  /**
   * Whether the process that named the temp file {@code file} (the pid in its name) is still
   * running, so the file may be a write in progress rather than a leftover.
   */
  public static boolean writerAlive(Path file) {
    Path name = file.getFileName();
    java.util.regex.Matcher m = LEFTOVER.matcher(name == null ? "" : name.toString());
    return m.matches()
        && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Deletes the temp files killed writes left in {@code dir} and its sub-folders down to {@code
   * depth} levels (1: {@code dir}'s own files); returns them. A temp file whose writer is still
   * running ({@link #writerAlive}) is kept, so another process writing into the same folders (a
   * shared cache) is never disturbed; a hidden {@code .tmp} file without a pid in its name (an
   * older writer's) is deleted only when older than {@link #STALE_UNNAMED}. A file that vanishes
   * while the folders are walked (a write finishing: its temp file renamed onto the target) is
   * skipped.
   */
  public static List<Path> deleteLeftovers(Path dir, int depth) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return deleted;
    }
    Instant before = Instant.now().minus(STALE_UNNAMED);
    Files.walkFileTree(
        dir,
        EnumSet.noneOf(FileVisitOption.class),
        depth,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
            if (attrs.isRegularFile() && abandoned(p, before) && Files.deleteIfExists(p)) {
              deleted.add(p);
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
    return deleted;
  }

  /** Whether {@code p} is a temp file no live process writes. */
  private static boolean abandoned(Path p, Instant before) throws IOException {
    if (isLeftover(p)) {
      return !writerAlive(p);
    }
    String name = p.getFileName().toString();
    if (!name.startsWith(".") || !name.endsWith(SUFFIX) || name.length() <= SUFFIX.length() + 1) {
      return false;
    }
    try {
      return Files.getLastModifiedTime(p).toInstant().isBefore(before);
    } catch (NoSuchFileException gone) {
      return false; // renamed onto its target or removed since it was listed
    }
  }

  /** A new, empty file {@code .<name>.<pid>-<n>.tmp}, created with the default permissions. */
  private static Path newTemp(Path dir, String name) throws IOException {
    long pid = ProcessHandle.current().pid();
    while (true) {
      Path tmp = dir.resolve("." + name + "." + pid + "-" + COUNTER.incrementAndGet() + SUFFIX);
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException leftOverBySameId) {
        // a killed process with the same pid left it: take the next number
      }
    }
  }

  /** The temp file's channel as a stream whose close only flushes: the channel is synced later. */
  private static final class Unclosed extends OutputStream {
    private final OutputStream out;

    Unclosed(FileChannel channel) {
      this.out = Channels.newOutputStream(channel);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
