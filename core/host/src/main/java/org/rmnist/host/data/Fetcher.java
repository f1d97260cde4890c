package org.rmnist.host.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.Progress;
import org.rmnist.api.io.IdxFile;
import org.rmnist.support.AtomicFiles;

/**
 * Gets the files of a {@link DataManifest} into a folder: downloads (with retries and a progress
 * bar) or copies from a folder or base URL, verifies the SHA-256 of the decompressed content, and
 * only then renames the file into place. A file with a wrong hash is never kept.
 */
public final class Fetcher {
  /** A partial download's name: {@code .<file>.<pid>-<n>.part}. */
  private static final Pattern PART = Pattern.compile("\\..+\\.(\\d{1,18})-\\d+\\.part");

  /** Most download attempts per URL (the waits between them double, from 2 s). */
  public static final int MAX_ATTEMPTS = 10;

  private final Progress progress;
  private final PrintStream log;
  private final int attempts;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(20))
          .build();

  /**
   * A fetcher.
   *
   * @param attempts download attempts per URL, 1 to {@value #MAX_ATTEMPTS}
   * @throws IllegalArgumentException when {@code attempts} is out of range
   */
  public Fetcher(Progress progress, PrintStream log, int attempts) {
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "attempts: expected 1.." + MAX_ATTEMPTS + ", got " + attempts);
    }
    this.progress = progress;
    this.log = log;
    this.attempts = attempts;
  }

  /** State of one file in a folder. */
  public enum Status {
    OK,
    MISSING,
    BAD_HASH,
    CORRUPT
  }

  /**
   * One file's check.
   *
   * @param actual the file's SHA-256; for {@link Status#CORRUPT}, why it cannot be read
   */
  public record Check(
      DataManifest.FileEntry entry, Optional<Path> file, Status status, String actual) {}

  /** The file on disk for an entry: raw or .gz. */
  public static Optional<Path> present(Path dir, DataManifest.FileEntry e) {
    for (String n : List.of(e.name(), e.name() + ".gz")) {
      if (Files.isRegularFile(dir.resolve(n))) {
        return Optional.of(dir.resolve(n));
      }
    }
    return Optional.empty();
  }

  /** Verifies every file of the manifest that is in {@code dir}. */
  public List<Check> verify(DataManifest m, Path dir) throws IOException {
    List<Check> checks = new ArrayList<>();
    for (DataManifest.FileEntry e : m.files()) {
      Optional<Path> f = present(dir, e);
      if (f.isEmpty()) {
        checks.add(new Check(e, f, Status.MISSING, null));
        continue;
      }
      try {
        String actual = IdxFile.contentSha256(f.get());
        checks.add(
            new Check(e, f, actual.equals(e.sha256()) ? Status.OK : Status.BAD_HASH, actual));
      } catch (DataFormatException ex) {
        checks.add(new Check(e, f, Status.CORRUPT, ex.getMessage()));
      }
    }
    return checks;
  }

  /**
   * Fetches the manifest's files that are missing from {@code dest}, or there with a wrong SHA-256.
   * {@code from} is a file, folder or base URL to take them from, or null to use the manifest's
   * URLs. A file already there and verified is kept, and the log says that {@code from} was not
   * used for it; one with a wrong hash is replaced only by a verified one.
   *
   * @return names of files that could not be fetched (optional ones included)
   */
  public List<String> fetch(DataManifest m, Path dest, String from) throws IOException {
    Files.createDirectories(dest);
    for (Path p : staleParts(dest)) {
      Files.deleteIfExists(p);
      log.println("removed " + p + ", left by a download that was killed");
    }
    List<String> failed = new ArrayList<>();
    for (DataManifest.FileEntry e : m.files()) {
      Optional<Path> have = present(dest, e);
      String actual = null;
      String corrupt = null;
      try {
        actual = have.isPresent() ? IdxFile.contentSha256(have.get()) : null;
      } catch (DataFormatException ex) {
        corrupt = ex.getMessage();
      }
      if (e.sha256().equals(actual)) {
        log.println(
            e.name()
                + ": "
                + have.get()
                + " present and verified"
                + (from == null ? "" : "; " + from + " not used (delete the file to replace it)"));
        continue;
      }
      List<String> sources = sources(e, from);
      if (have.isPresent()) {
        log.println(
            e.name()
                + ": "
                + (corrupt != null
                    ? corrupt
                    : have.get() + " has SHA-256 " + actual + ", expected " + e.sha256())
                + "; fetching it again from "
                + String.join(", ", sources));
      }
      boolean ok = false;
      for (String src : sources) {
        if (fetchOne(e, src, dest)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        failed.add(e.name());
        log.println(
            e.name()
                + ": could not be fetched from "
                + String.join(", ", sources)
                + (e.required() ? "" : " (optional)")
                + (have.isPresent()
                    ? "; "
                        + have.get()
                        + " is still the "
                        + (corrupt != null ? "corrupt one" : "one with the wrong SHA-256")
                    : ""));
      }
    }
    return failed;
  }

  private static List<String> sources(DataManifest.FileEntry e, String from) {
    if (from == null) {
      return e.urls();
    }
    if (from.contains("://")) {
      String base = from.endsWith("/") ? from : from + "/";
      return List.of(base + e.name() + ".gz", base + e.name());
    }
    Path dir = Path.of(from);
    if (Files.isRegularFile(dir)) {
      return List.of(dir.toString());
    }
    return present(dir, e)
        .map(p -> List.of(p.toString()))
        .orElse(List.of(dir.resolve(e.name()) + "[.gz]"));
  }

  private boolean fetchOne(DataManifest.FileEntry e, String src, Path dest) throws IOException {
    String target = e.name() + (src.endsWith(".gz") || isGzip(src) ? ".gz" : "");
    // created with the user's umask (createTempFile would make it 0600)
    Path tmp =
        Files.createFile(
            dest.resolve(
                "."
                    + target
                    + "."
                    + ProcessHandle.current().pid()
                    + "-"
                    + System.nanoTime()
                    + ".part"));
    try {
      for (int attempt = 1; attempt <= attempts; attempt++) {
        try {
          copy(src, tmp, e.name());
          break;
        } catch (IOException ex) {
          log.println(
              e.name()
                  + ": attempt "
                  + attempt
                  + "/"
                  + attempts
                  + " from "
                  + src
                  + " failed: "
                  + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
          if (attempt == attempts || !src.contains("://")) {
            return false;
          }
          sleep(1000L << attempt);
        }
      }
      String actual;
      try {
        actual = IdxFile.contentSha256(tmp);
      } catch (DataFormatException ex) {
        log.println(
            e.name()
                + ": "
                + src
                + " is unreadable ("
                + ex.getMessage().replace(tmp.toString(), "the copy")
                + "); discarded");
        return false;
      }
      if (!actual.equals(e.sha256())) {
        log.println(
            e.name()
                + ": SHA-256 of "
                + src
                + " is "
                + actual
                + ", expected "
                + e.sha256()
                + "; discarded");
        return false;
      }
      Path dst = dest.resolve(target);
      AtomicFiles.moveInto(tmp, dst);
      for (String other : List.of(e.name(), e.name() + ".gz")) {
        if (!other.equals(target)) {
          Files.deleteIfExists(dest.resolve(other)); // a stale copy would be read before dst
        }
      }
      log.println(e.name() + ": verified, saved as " + dst);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean isGzip(String src) {
    if (src.contains("://")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(Path.of(src))) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      return false;
    }
  }

  private void copy(String src, Path tmp, String name) throws IOException {
    if (!src.contains("://")) {
      Path p = Path.of(src);
      if (!Files.isRegularFile(p)) {
        throw new java.nio.file.NoSuchFileException(src);
      }
      progress.start(name, Files.size(p));
      try (InputStream in = Files.newInputStream(p)) {
        pump(in, tmp);
      } finally {
        progress.done();
      }
      return;
    }
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(src)).timeout(Duration.ofMinutes(5)).GET().build();
    try {
      HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        resp.body().close();
        throw new IOException("HTTP " + resp.statusCode());
      }
      progress.start(name, resp.headers().firstValueAsLong("content-length").orElse(0));
      try (InputStream in = resp.body()) {
        pump(in, tmp);
      } finally {
        progress.done();
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", ex);
    }
  }

  /** Writes {@code in} into {@code tmp} and forces it to disk before it may be renamed. */
  private void pump(InputStream in, Path tmp) throws IOException {
    try (FileChannel channel =
            FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) != -1; ) {
        out.write(buf, 0, r);
        progress.advance(r);
      }
      out.flush();
      channel.force(true);
    }
  }

  /**
   * Partial downloads ({@code .<name>.<pid>-<n>.part}) in {@code dest} whose process is gone: a
   * fetch still running elsewhere keeps its own.
   */
  static List<Path> staleParts(Path dest) throws IOException {
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dest, ".*.part")) {
      for (Path p : parts) {
        Matcher m = PART.matcher(p.getFileName().toString());
        if (m.matches()
            && !ProcessHandle.of(Long.parseLong(m.group(1)))
                .map(ProcessHandle::isAlive)
                .orElse(false)) {
          stale.add(p);
        }
      }
    }
    return stale;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
