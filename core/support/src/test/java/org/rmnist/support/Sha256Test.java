package org.rmnist.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  /** FIPS 180-2 / NIST test vectors. */
  static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  static final String TWO_BLOCKS =
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  static final String MILLION_A =
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

  @TempDir Path dir;

  @Test
  void bytesAndTextMatchTheStandardVectors() {
    assertEquals(EMPTY, Sha256.hex(new byte[0]));
    assertEquals(EMPTY, Sha256.hex(""));
    assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(ABC, Sha256.hex("abc"));
    String twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assertEquals(TWO_BLOCKS, Sha256.hex(twoBlocks));
  }

  @Test
  void aFileIsStreamedInBlocksAndMatchesTheVector() throws IOException {
    byte[] million = new byte[1_000_000];
    Arrays.fill(million, (byte) 'a');
    Path file = Files.write(dir.resolve("a.bin"), million);
    assertEquals(MILLION_A, Sha256.file(file));
    assertEquals(EMPTY, Sha256.file(Files.write(dir.resolve("empty"), new byte[0])));
    MessageDigest digest = Sha256.newDigest();
    assertEquals(1_000_000, Sha256.update(digest, new ByteArrayInputStream(million)));
    assertEquals(MILLION_A, HexFormat.of().formatHex(digest.digest()));
    assertThrows(IOException.class, () -> Sha256.file(dir.resolve("missing")));
  }

  @Test
  void aTreeHashesSortedRelativePathsLengthsAndContents() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("b.txt"), "abc");
    Files.createDirectories(model.resolve("sub"));
    Files.writeString(model.resolve("sub/a.txt"), "");
    // The documented layout, built by hand: "b.txt" 0 len(3) "abc", then "sub/a.txt" 0 len(0).
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("b.txt".getBytes(StandardCharsets.UTF_8));
    expected.write(0);
    expected.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 3});
    expected.writeBytes("abc".getBytes(StandardCharsets.UTF_8));
    expected.writeBytes("sub/a.txt".getBytes(StandardCharsets.UTF_8));
    expected.write(0);
    expected.writeBytes(new byte[8]);
    String hash = Sha256.tree(model);
    assertEquals(Sha256.hex(expected.toByteArray()), hash);

    Files.createDirectories(model.resolve("empty-folder"));
    assertEquals(hash, Sha256.tree(model), "empty folders do not count");
    Path moved = Files.move(model, dir.resolve("elsewhere"));
    assertEquals(hash, Sha256.tree(moved), "the folder's own name and place do not count");
    Files.move(moved.resolve("b.txt"), moved.resolve("c.txt"));
    assertNotEquals(hash, Sha256.tree(moved), "a renamed file changes the hash");
    Files.move(moved.resolve("c.txt"), moved.resolve("b.txt"));
    assertEquals(hash, Sha256.tree(moved));
    Files.writeString(moved.resolve("b.txt"), "abd");
    assertNotEquals(hash, Sha256.tree(moved), "changed content changes the hash");
  }

  @Test
  void aTreeOfANonFolderIsRefusedByName() throws IOException {
    Path file = Files.writeString(dir.resolve("x"), "x");
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Sha256.tree(file));
    assertEquals(file + ": not a folder", e.getMessage());
  }

  @Test
  void longBytesAreBigEndian() {
    assertEquals("0000000000000003", HexFormat.of().formatHex(Sha256.longBytes(3)));
    assertEquals(
        "0102030405060708", HexFormat.of().formatHex(Sha256.longBytes(0x0102030405060708L)));
  }
}
