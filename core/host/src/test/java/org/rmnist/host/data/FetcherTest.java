package org.rmnist.host.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.Progress;
import org.rmnist.api.io.IdxFile;
import org.rmnist.host.ConfigException;

/** Fetching from a folder and from a loopback HTTP server; nothing leaves this machine. */
class FetcherTest {
  @TempDir Path tmp;

  private Path source;
  private DataManifest manifest;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final Fetcher fetcher = new Fetcher(Progress.NONE, new PrintStream(log), 3);

  @BeforeEach
  void makeFiles() throws IOException {
    source = tmp.resolve("source");
    Files.createDirectories(source);
    IdxFile.write(source.resolve("a-idx1-ubyte.gz"), new int[] {3}, new byte[] {1, 2, 3});
    IdxFile.write(source.resolve("b-idx1-ubyte"), new int[] {2}, new byte[] {4, 5});
    manifest =
        new DataManifest(
            "toy", "", "", List.of(entry("a-idx1-ubyte", true), entry("b-idx1-ubyte", true)));
  }

  private DataManifest.FileEntry entry(String name, boolean required) throws IOException {
    Path f =
        Fetcher.present(source, new DataManifest.FileEntry(name, null, "0".repeat(64), true))
            .orElseThrow();
    return new DataManifest.FileEntry(name, null, IdxFile.contentSha256(f), required);
  }

  @Test
  void copiesFromAFolderAndVerifies() throws IOException {
    Path dest = tmp.resolve("dest");
    assertEquals(List.of(), fetcher.fetch(manifest, dest, source.toString()));
    assertTrue(Files.isRegularFile(dest.resolve("a-idx1-ubyte.gz")));
    assertTrue(Files.isRegularFile(dest.resolve("b-idx1-ubyte")));
    assertTrue(
        fetcher.verify(manifest, dest).stream().allMatch(c -> c.status() == Fetcher.Status.OK));
    fetcher.fetch(manifest, dest, source.toString());
    assertTrue(
        log.toString()
            .contains(
                "a-idx1-ubyte: "
                    + dest.resolve("a-idx1-ubyte.gz")
                    + " present and verified; "
                    + source
                    + " not used (delete the file to replace it)"),
        log.toString());
    assertNoLeftovers(dest);
  }

  @Test
  void partialDownloadsOfDeadProcessesAreRemovedAndLiveOnesKept() throws IOException {
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    long dead = ProcessHandle.current().pid() + 1_000_000_000L;
    Path stale = Files.writeString(dest.resolve(".a-idx1-ubyte.gz." + dead + "-7.part"), "x");
    Path live =
        Files.writeString(
            dest.resolve(".a-idx1-ubyte.gz." + ProcessHandle.current().pid() + "-8.part"), "x");
    assertEquals(List.of(), fetcher.fetch(manifest, dest, source.toString()));
    assertFalse(Files.exists(stale), "a dead process's partial download is removed");
    assertTrue(Files.exists(live), "a running fetch keeps its partial download");
    assertTrue(log.toString().contains("removed " + stale), log.toString());
  }

  @Test
  void aFileWithTheWrongHashIsNeverKept() throws IOException {
    IdxFile.write(source.resolve("a-idx1-ubyte.gz"), new int[] {3}, new byte[] {9, 9, 9});
    Path dest = tmp.resolve("dest");
    assertEquals(List.of("a-idx1-ubyte"), fetcher.fetch(manifest, dest, source.toString()));
    assertFalse(Files.exists(dest.resolve("a-idx1-ubyte.gz")));
    assertTrue(log.toString().contains("a-idx1-ubyte: SHA-256 of "), log.toString());
    assertTrue(log.toString().contains("; discarded"), log.toString());
    assertNoLeftovers(dest);
  }

  @Test
  void verifyReportsMissingAndBadFiles() throws IOException {
    Path dest = tmp.resolve("dest");
    Files.createDirectories(dest);
    IdxFile.write(dest.resolve("a-idx1-ubyte"), new int[] {1}, new byte[] {7});
    List<Fetcher.Check> checks = fetcher.verify(manifest, dest);
    assertEquals(Fetcher.Status.BAD_HASH, checks.get(0).status());
    assertEquals(Fetcher.Status.MISSING, checks.get(1).status());
  }

  @Test
  void aPresentFileWithAWrongHashIsReplacedAndTheStaleCopyRemoved() throws IOException {
    Path dest = tmp.resolve("dest");
    Files.createDirectories(dest);
    IdxFile.write(dest.resolve("a-idx1-ubyte"), new int[] {1}, new byte[] {7});
    String wrong = IdxFile.contentSha256(dest.resolve("a-idx1-ubyte"));
    String expected = manifest.files().get(0).sha256();
    assertEquals(List.of(), fetcher.fetch(manifest, dest, source.toString()));
    assertTrue(
        log.toString()
            .contains(
                "a-idx1-ubyte: "
                    + dest.resolve("a-idx1-ubyte")
                    + " has SHA-256 "
                    + wrong
                    + ", expected "
                    + expected
                    + "; fetching it again from "
                    + source.resolve("a-idx1-ubyte.gz")),
        log.toString());
    assertFalse(Files.exists(dest.resolve("a-idx1-ubyte")), "the raw file would be read first");
    assertEquals(Fetcher.Status.OK, fetcher.verify(manifest, dest).get(0).status());
  }

  @Test
  void corruptFilesAreReportedAndReplacedWhileTheOthersGoOn() throws IOException {
    Path dest = tmp.resolve("dest");
    Files.createDirectories(dest);
    Path a = dest.resolve("a-idx1-ubyte.gz");
    Files.write(a, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});
    List<Fetcher.Check> checks = fetcher.verify(manifest, dest);
    assertEquals(Fetcher.Status.CORRUPT, checks.get(0).status());
    assertTrue(
        checks.get(0).actual().startsWith(a + ": corrupt gzip stream ("), checks.get(0).actual());
    assertEquals(Fetcher.Status.MISSING, checks.get(1).status(), "the next file is checked too");
    assertEquals(List.of(), fetcher.fetch(manifest, dest, source.toString()));
    assertTrue(
        log.toString().contains("a-idx1-ubyte: " + a + ": corrupt gzip stream ("), log.toString());
    assertTrue(
        fetcher.verify(manifest, dest).stream().allMatch(c -> c.status() == Fetcher.Status.OK));

    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.write(source.resolve("a-idx1-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 9});
    assertEquals(List.of("a-idx1-ubyte"), fetcher.fetch(manifest, other, source.toString()));
    assertTrue(
        log.toString()
            .contains(
                "a-idx1-ubyte: "
                    + source.resolve("a-idx1-ubyte.gz")
                    + " is unreadable (the copy: corrupt gzip stream ("),
        log.toString());
    assertTrue(Files.isRegularFile(other.resolve("b-idx1-ubyte")), "the next file is fetched");
    assertNoLeftovers(other);
  }

  @Test
  void attemptsAreRangeChecked() {
    for (int bad : new int[] {0, -1, Fetcher.MAX_ATTEMPTS + 1}) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new Fetcher(Progress.NONE, new PrintStream(log), bad));
      assertEquals(
          "attempts: expected 1.." + Fetcher.MAX_ATTEMPTS + ", got " + bad, e.getMessage());
    }
  }

  @Test
  void manifestFileNamesAndUrlsCannotLeadElsewhere() throws IOException {
    Path root = tmp.resolve("root");
    Path f = root.resolve("data/toy/manifest.yaml");
    Files.createDirectories(f.getParent());
    String sha = "0".repeat(64);
    Files.writeString(f, "name: toy\nfiles:\n  - {name: ../../x, sha256: " + sha + "}\n");
    var e = assertThrows(ConfigException.class, () -> DataManifest.load(root, "toy"));
    assertEquals(
        f
            + ": files.../../x: name: expected a plain file name (letters, digits, '.', "
            + "'_', '-'), not a path",
        e.getMessage());
    Files.writeString(
        f, "name: toy\nfiles:\n  - {name: a, sha256: " + sha + ", urls: ['file:///etc/passwd']}\n");
    e = assertThrows(ConfigException.class, () -> DataManifest.load(root, "toy"));
    assertEquals(
        f
            + ": files.a: urls: 'file:///etc/passwd': only http:// and https:// URLs are "
            + "downloaded",
        e.getMessage());
    Files.writeString(f, "name: toy\nfiles:\n  - {name: a, sha256: abc}\n");
    e = assertThrows(ConfigException.class, () -> DataManifest.load(root, "toy"));
    assertEquals(
        f + ": files.a: needs a name and a 64-hex-digit sha256, got 'abc'", e.getMessage());
  }

  @Test
  void rmnistDataNamingAFileSaysSo() throws IOException {
    Path file = tmp.resolve("train-images-idx3-ubyte.gz");
    Files.writeString(file, "x");
    var e =
        assertThrows(
            ConfigException.class, () -> new HostDataContext(file.toString(), Progress.NONE));
    assertEquals(
        "RMNIST_DATA="
            + file
            + " is a file; set it to the folder that holds the data "
            + "files (e.g. the one with train-images-idx3-ubyte.gz)",
        e.getMessage());
    assertEquals(tmp.resolve("x"), HostDataContext.envFolder(tmp.resolve("x").toString()));
    assertEquals(null, HostDataContext.envFolder(" "));
    assertEquals(tmp, new HostDataContext(tmp.toString(), Progress.NONE).locations("m").get(0));
  }

  @Test
  void downloadsOverHttpRetryingAfterAFailure() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring(1);
          Path f = source.resolve(name);
          if (calls.incrementAndGet() == 1 || !Files.isRegularFile(f)) {
            exchange.sendResponseHeaders(calls.get() == 1 ? 503 : 404, -1);
          } else {
            byte[] body = Files.readAllBytes(f);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      DataManifest m = new DataManifest("toy", "", "", List.of(manifest.files().get(0)));
      Path dest = tmp.resolve("dest");
      assertEquals(
          List.of(), new Fetcher(Progress.NONE, new PrintStream(log), 2).fetch(m, dest, base));
      assertTrue(log.toString().contains("attempt 1/2"), log.toString());
      assertEquals(
          manifest.files().get(0).sha256(), IdxFile.contentSha256(dest.resolve("a-idx1-ubyte.gz")));
      assertNoLeftovers(dest);
    } finally {
      server.stop(0);
    }
  }

  private static void assertNoLeftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
    }
  }
}
