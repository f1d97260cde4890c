package org.rmnist.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataFormatException;

class IdxFileTest {
  @TempDir Path dir;

  private byte[] images(int count) {
    byte[] b = new byte[count * 4 * 3];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  @Test
  void readsRawAndGzipAlikeAndHashesDecompressedContent() throws IOException {
    Path raw = dir.resolve("img-idx3-ubyte");
    Path gz = dir.resolve("img-idx3-ubyte.gz");
    IdxFile.write(raw, new int[] {5, 4, 3}, images(5));
    IdxFile.write(gz, new int[] {5, 4, 3}, images(5));
    IdxFile a = IdxFile.readImages(raw);
    IdxFile b = IdxFile.readImages(gz);
    assertArrayEquals(new int[] {5, 4, 3}, a.dims());
    assertArrayEquals(images(5), b.data());
    assertEquals(a.sha256(), b.sha256());
    assertEquals(IdxFile.contentSha256(gz), a.sha256());
    assertEquals(5, a.count());
  }

  @Test
  void truncatedFileNamesTheFileAndTheByte() throws IOException {
    Path f = dir.resolve("short-idx3-ubyte");
    IdxFile.write(f, new int[] {5, 4, 3}, images(5));
    byte[] all = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(all, all.length - 10));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().startsWith(f.toString() + ": truncated at byte 66"), e.getMessage());
    assertTrue(e.getMessage().contains("5 images of 4x3"), e.getMessage());
  }

  @Test
  void truncatedGzipIsReportedAsDataError() throws IOException {
    Path f = dir.resolve("cut-idx3-ubyte.gz");
    IdxFile.write(f, new int[] {50, 4, 3}, images(50));
    byte[] all = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(all, all.length / 2));
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void aDamagedDeflateStreamIsACorruptGzipStreamNotALayoutError() throws IOException {
    Path f = dir.resolve("flip-idx3-ubyte.gz");
    byte[] pixels = new byte[20 * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) ((i * 31 + i / 97) % 4 * 60);
    }
    IdxFile.write(f, new int[] {20, 28, 28}, pixels);
    byte[] good = Files.readAllBytes(f);
    Path bad = dir.resolve("bad-idx3-ubyte.gz");
    int layoutLike = 0;
    for (int pos = 10; pos < good.length; pos++) {
      byte[] b = good.clone();
      b[pos] ^= 0x55;
      Files.write(bad, b);
      DataFormatException e =
          assertThrows(DataFormatException.class, () -> IdxFile.readImages(bad), "byte " + pos);
      assertTrue(e.getMessage().startsWith(bad + ": corrupt gzip stream ("), e.getMessage());
      assertTrue(
          e.getMessage().endsWith("the compressed file is damaged; fetch it again"),
          e.getMessage());
      DataFormatException hash =
          assertThrows(DataFormatException.class, () -> IdxFile.contentSha256(bad));
      assertTrue(hash.getMessage().startsWith(bad + ": corrupt gzip stream ("), e.getMessage());
      layoutLike += e.getMessage().contains("Corrupt GZIP trailer") ? 1 : 0;
    }
    assertTrue(layoutLike > 0, "some damage inflates to plausible bytes; only the CRC sees it");
  }

  @Test
  void dimensionsTooLargeForAnArrayAreRefusedWithoutOverflow() throws IOException {
    Path f = dir.resolve("huge-idx3-ubyte");
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putInt(0x00000803).putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).putInt(1 << 30);
    Files.write(f, b.array());
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(f));
    assertEquals(
        f
            + ": dimensions [2147483647, 2147483647, 1073741824] describe more bytes than "
            + "one array can hold",
        e.getMessage());
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    Path f = dir.resolve("long-idx3-ubyte");
    IdxFile.write(f, new int[] {5, 4, 3}, images(5));
    Files.write(f, new byte[] {1, 2}, java.nio.file.StandardOpenOption.APPEND);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().contains("trailing data after byte 76"), e.getMessage());
  }

  @Test
  void wrongMagicSaysWhatWasExpected() throws IOException {
    Path f = dir.resolve("labels-idx1-ubyte");
    IdxFile.write(f, new int[] {6}, new byte[] {1, 2, 3, 4, 5, 6});
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(f));
    assertEquals(
        f
            + ": bad magic number 0x00000801 at byte 0: expected 0x00000803 "
            + "(unsigned bytes, 3 dimensions)",
        e.getMessage());
  }

  @Test
  void zeroDimensionIsRejected() throws IOException {
    Path f = dir.resolve("zero-idx3-ubyte");
    IdxFile.write(f, new int[] {0, 4, 3}, new byte[0]);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().contains("dimension 0 at byte 4 is 0"), e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesItsPosition() throws IOException {
    Path f = dir.resolve("labels-idx1-ubyte");
    IdxFile.write(f, new int[] {4}, new byte[] {1, 2, 12, 4});
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxFile.readLabels(f, 10));
    assertEquals(f + ": label 12 at byte 10 (item 2) is outside 0..9", e.getMessage());
  }

  @Test
  void labelCountMustEqualImageCount() throws IOException {
    Path img = dir.resolve("i-idx3-ubyte");
    Path lab = dir.resolve("l-idx1-ubyte");
    IdxFile.write(img, new int[] {5, 4, 3}, images(5));
    IdxFile.write(lab, new int[] {4}, new byte[] {1, 2, 3, 4});
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> IdxFile.checkPaired(IdxFile.readImages(img), IdxFile.readLabels(lab, 10)));
    assertEquals(
        "label count 4 in " + lab + " does not equal image count 5 in " + img, e.getMessage());
  }

  @Test
  void missingFileIsNoSuchFile() {
    Path f = dir.resolve("nope");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxFile.readImages(f));
    assertEquals(f.toString(), e.getFile());
  }
}
