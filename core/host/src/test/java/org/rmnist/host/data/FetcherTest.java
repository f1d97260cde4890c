package org.rmnist.host.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Fetching from a folder and from a loopback HTTP server; nothing leaves this machine. */
class FetcherTest {
  @TempDir
  Path tmp;

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
    manifest = new DataManifest("toy", "", "", List.of(
        entry("a-idx1-ubyte", true), entry("b-idx1-ubyte", true)));
  }

  private DataManifest.FileEntry entry(String name, boolean required) throws IOException {
    Path f = Fetcher.present(source, new DataManifest.FileEntry(name, null, "0".repeat(64), true))
        .orElseThrow();
    return new DataManifest.FileEntry(name, null, IdxFile.contentSha256(f), required);
  }

  @Test
  void copiesFromAFolderAndVerifies() throws IOException {
    Path dest = tmp.resolve("dest");
    assertEquals(List.of(), fetcher.fetch(manifest, dest, source.toString()));
    assertTrue(Files.isRegularFile(dest.resolve("a-idx1-ubyte.gz")));
    assertTrue(Files.isRegularFile(dest.resolve("b-idx1-ubyte")));
    assertTrue(fetcher.verify(manifest, dest).stream()
        .allMatch(c -> c.status() == Fetcher.Status.OK));
    fetcher.fetch(manifest, dest, source.toString());
    assertTrue(log.toString().contains("a-idx1-ubyte: present and verified"), log.toString());
    assertNoLeftovers(dest);
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
  void downloadsOverHttpRetryingAfterAFailure() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
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
      assertEquals(List.of(), new Fetcher(Progress.NONE, new PrintStream(log), 2)
          .fetch(m, dest, base));
      assertTrue(log.toString().contains("attempt 1/2"), log.toString());
      assertEquals(manifest.files().get(0).sha256(),
          IdxFile.contentSha256(dest.resolve("a-idx1-ubyte.gz")));
      assertNoLeftovers(dest);
    } finally {
      server.stop(0);
    }
  }

  private static void assertNoLeftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".part"))
          .toList());
    }
  }
}
