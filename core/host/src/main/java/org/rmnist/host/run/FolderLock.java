package org.rmnist.host.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the writes that several workers make to an experiment's shared files (results.jsonl,
 * provenance.json, a cached feature file): a lock on a lock file ({@code .lock} in the folder by
 * default), between processes by the operating system and between threads by a lock per file. The
 * lock file is never read or deleted (closing another handle of a locked file drops a POSIX lock).
 * {@link #tryWith} does not wait: a worker finding a training set's build lock held does other
 * work.
 */
final class FolderLock {
  private static final Map<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();
  private static final Object BUSY = new Object();

  /** One update of shared files. */
  interface Update<T> {
    T apply() throws IOException;
  }

  private FolderLock() {}

  /** Runs {@code update} holding the lock of {@code dir}. */
  static <T> T with(Path dir, Update<T> update) throws IOException {
    return with(dir, ".lock", update);
  }

  /** Runs {@code update} holding the lock file {@code name} in {@code dir}. */
  static <T> T with(Path dir, String name, Update<T> update) throws IOException {
    @SuppressWarnings("unchecked")
    T result = (T) locked(dir, name, true, update);
    return result;
  }

  /**
   * Runs {@code update} holding the lock file {@code name} in {@code dir} if nobody else holds it
   * now; empty, without running it, if a thread or process does. {@code update} returns non-null.
   */
  static <T> Optional<T> tryWith(Path dir, String name, Update<T> update) throws IOException {
    Object result = locked(dir, name, false, () -> Objects.requireNonNull(update.apply()));
    @SuppressWarnings("unchecked")
    Optional<T> out = result == BUSY ? Optional.empty() : Optional.of((T) result);
    return out;
  }

  /** {@code update}'s result, or {@link #BUSY} when not waiting and the lock is held. */
  private static Object locked(Path dir, String name, boolean wait, Update<?> update)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.toAbsolutePath().normalize().resolve(name);
    ReentrantLock local = LOCAL.computeIfAbsent(file, f -> new ReentrantLock());
    if (wait) {
      local.lock();
    } else if (!local.tryLock()) {
      return BUSY;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = wait ? ch.lock() : ch.tryLock();
      } catch (IOException e) {
        throw new IOException(
            file
                + ": cannot lock ("
                + e.getMessage()
                + "); a results folder must be on a file system with POSIX locks",
            e);
      }
      if (lock == null) {
        return BUSY; // another process holds it
      }
      try {
        return update.apply();
      } finally {
        lock.release();
      }
    } finally {
      local.unlock();
    }
  }
}
