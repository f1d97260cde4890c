package org.rmnist.host.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rmnist.host.util.Json;

/**
 * A worker's claim on one run: an operating-system lock (POSIX {@code fcntl}, which NFS and the
 * usual cluster file systems support) on {@code runs/<dir>/claim.json}, whose text names the owner
 * (host, pid, worker) and carries a heartbeat. The lock is the truth: the kernel (or the NFS lock
 * manager) drops it when its process dies, even by {@code kill -9}, and the next worker to try
 * takes the run over. The text is for people and progress lines. The file is never deleted, so two
 * workers can never hold locks on two different files of one run.
 *
 * <p>POSIX locks belong to the process and any close of the file drops them, so a worker never
 * opens a claim file it holds a second time; it reads and writes the text through the locked
 * channel only.
 */
final class Claim implements AutoCloseable {
  static final String FILE = "claim.json";

  /** How often the owner rewrites its heartbeat. */
  static final long HEARTBEAT_MILLIS = 10_000;

  private final FileChannel channel;
  private final FileLock lock;
  private final Map<String, Object> text;
  private final Map<?, ?> previous;

  private Claim(FileChannel channel, FileLock lock, Map<String, Object> text, Map<?, ?> previous) {
    this.channel = channel;
    this.lock = lock;
    this.text = text;
    this.previous = previous;
  }

  /**
   * Claims the run whose folder is {@code runDir}, or returns empty when another live worker holds
   * it. {@code owner} goes into the claim's text (with the time).
   *
   * @throws IOException when the folder does not support locks (named, with what to do)
   */
  static Optional<Claim> tryTake(Path runDir, Map<String, Object> owner) throws IOException {
    Files.createDirectories(runDir);
    Path file = runDir.resolve(FILE);
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // another worker in this process holds it
    } catch (IOException e) {
      ch.close();
      throw new IOException(
          file
              + ": cannot lock ("
              + e.getMessage()
              + "); workers share a results folder through file locks, so it must be on a file "
              + "system with POSIX locks (a local disk, NFS with its lock manager, Lustre mounted "
              + "with flock)",
          e);
    }
    if (lock == null) {
      ch.close();
      return Optional.empty();
    }
    Map<?, ?> previous = read(ch);
    Map<String, Object> text = new LinkedHashMap<>(owner);
    String now = Instant.now().toString();
    text.put("state", "running");
    text.put("started", now);
    text.put("heartbeat", now);
    Claim claim = new Claim(ch, lock, text, previous);
    claim.rewrite();
    return Optional.of(claim);
  }

  /**
   * The text a dead owner left, when this claim took a run over from a worker that died while
   * training it (its state was still "running"); empty otherwise.
   */
  Optional<Map<?, ?>> takenOver() {
    return previous != null && "running".equals(previous.get("state"))
        ? Optional.of(previous)
        : Optional.empty();
  }

  /** Renews the heartbeat, with where the run's fit is ({@link FitStatus#snapshot}). */
  synchronized void beat(Map<String, Object> fit) throws IOException {
    if (channel.isOpen()) {
      text.put("heartbeat", Instant.now().toString());
      if (fit.isEmpty()) {
        text.remove("fit");
      } else {
        text.put("fit", fit);
      }
      rewrite();
    }
  }

  /** Marks the claim released and drops the lock. */
  @Override
  public synchronized void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      text.put("state", "released");
      text.put("heartbeat", Instant.now().toString());
      rewrite();
      lock.release();
    } finally {
      channel.close();
    }
  }

  private void rewrite() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Json.line(text).getBytes(StandardCharsets.UTF_8));
    channel.truncate(0);
    channel.position(0);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    channel.force(false);
  }

  private static Map<?, ?> read(FileChannel ch) {
    try {
      long size = ch.size();
      if (size == 0 || size > 1 << 20) {
        return null;
      }
      ByteBuffer b = ByteBuffer.allocate((int) size);
      ch.read(b, 0);
      return Json.MAPPER.readValue(b.array(), Map.class);
    } catch (IOException e) {
      return null; // a torn text: only the lock matters
    }
  }

  /**
   * What a claim file says, for progress lines: never locks (a look must not make a worker think
   * the run is taken), so a claim whose owner died may still say "running"; the heartbeat tells.
   */
  static Optional<Map<?, ?>> peek(Path runDir) {
    try {
      byte[] bytes = Files.readAllBytes(runDir.resolve(FILE));
      return bytes.length == 0
          ? Optional.empty()
          : Optional.ofNullable(Json.MAPPER.readValue(bytes, Map.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The owner facts of this process: host, pid and the worker's name. */
  static Map<String, Object> owner(String worker) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("worker", worker);
    m.put("host", hostName());
    m.put("pid", ProcessHandle.current().pid());
    return m;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown-host";
    }
  }
}
