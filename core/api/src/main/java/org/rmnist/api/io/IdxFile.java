package org.rmnist.api.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.rmnist.api.DataFormatException;

/**
 * An unsigned-byte IDX file (LeCun's MNIST format), raw or gzip-compressed.
 *
 * <p>The header is checked against what the caller expects: magic number (type 0x08 and rank),
 * every dimension positive, and a body exactly as long as the dimensions say. Errors name the file
 * and the byte where it went wrong.
 *
 * @param file where it was read from
 * @param dims the dimensions from the header, e.g. {@code [60000, 28, 28]}
 * @param data the body, one unsigned byte per value
 * @param sha256 hex SHA-256 of the decompressed file, header included (what MNIST's sums are of)
 */
public record IdxFile(Path file, int[] dims, byte[] data, String sha256) {

  private static final int UNSIGNED_BYTE = 0x08;

  /** Reads an IDX file of unsigned bytes with the given rank (1 for labels, 3 for images). */
  public static IdxFile read(Path file, int rank) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    MessageDigest sha = newDigest();
    try (InputStream raw = open(file);
        DigestInputStream in = new DigestInputStream(raw, sha)) {
      try {
        return parse(file, rank, in, sha);
      } catch (DataFormatException layout) {
        // A damaged deflate stream can inflate to bytes that look like a wrong IDX layout; the
        // gzip trailer's CRC tells which: read on to the end and let the stream judge.
        if (raw instanceof GZIPInputStream) {
          drain(raw);
        }
        throw layout;
      }
    } catch (ZipException | java.io.EOFException e) {
      throw corruptGzip(file, e);
    }
  }

  private static IdxFile parse(Path file, int rank, InputStream in, MessageDigest sha)
      throws IOException {
    byte[] magic = readFully(in, file, 4, 0, "magic number");
    int zero = ((magic[0] & 0xFF) << 8) | (magic[1] & 0xFF);
    int type = magic[2] & 0xFF;
    int fileRank = magic[3] & 0xFF;
    if (zero != 0 || type != UNSIGNED_BYTE || fileRank != rank) {
      throw new DataFormatException(
          String.format(
              "%s: bad magic number 0x%02X%02X%02X%02X at byte 0: expected 0x000008%02X "
                  + "(unsigned bytes, %d dimension%s)",
              file, magic[0], magic[1], magic[2], magic[3], rank, rank, rank == 1 ? "" : "s"));
    }
    byte[] header = new byte[4 + 4 * rank];
    System.arraycopy(magic, 0, header, 0, 4);
    System.arraycopy(readFully(in, file, 4L * rank, 4, "header"), 0, header, 4, 4 * rank);
    int[] dims = new int[rank];
    long length = 1;
    for (int d = 0; d < rank; d++) {
      int off = 4 + 4 * d;
      dims[d] =
          ((header[off] & 0xFF) << 24)
              | ((header[off + 1] & 0xFF) << 16)
              | ((header[off + 2] & 0xFF) << 8)
              | (header[off + 3] & 0xFF);
      if (dims[d] <= 0) {
        throw new DataFormatException(
            file + ": dimension " + d + " at byte " + off + " is " + dims[d] + ", expected > 0");
      }
      length = Math.min(length * dims[d], Integer.MAX_VALUE); // never overflows a long
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new DataFormatException(
          file
              + ": dimensions "
              + Arrays.toString(dims)
              + " describe more bytes than one "
              + "array can hold");
    }
    byte[] data = readFully(in, file, length, header.length, "body of " + describe(dims));
    if (in.read() != -1) {
      throw new DataFormatException(
          String.format(
              "%s: trailing data after byte %d: dimensions %s describe exactly %d bytes",
              file, header.length + length, Arrays.toString(dims), header.length + length));
    }
    return new IdxFile(file, dims, data, HexFormat.of().formatHex(sha.digest()));
  }

  /** Reads a stream to its end, so that a gzip stream checks its CRC and length. */
  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    while (in.read(buf) != -1) {
      // only the stream's own checks matter here
    }
  }

  private static DataFormatException corruptGzip(Path file, IOException e) {
    return new DataFormatException(
        file
            + ": corrupt gzip stream ("
            + e.getMessage()
            + "): the compressed file is damaged; fetch it again");
  }

  /** Reads a label file: rank 1, values must lie in [0, classes). */
  public static IdxFile readLabels(Path file, int classes) throws IOException {
    IdxFile f = read(file, 1);
    for (int i = 0; i < f.data.length; i++) {
      int v = f.data[i] & 0xFF;
      if (v >= classes) {
        throw new DataFormatException(
            String.format(
                "%s: label %d at byte %d (item %d) is outside 0..%d",
                file, v, 8 + i, i, classes - 1));
      }
    }
    return f;
  }

  /** Reads an image file: rank 3 ({@code count × rows × cols}). */
  public static IdxFile readImages(Path file) throws IOException {
    return read(file, 3);
  }

  /** Checks that an image file and a label file describe the same number of items. */
  public static void checkPaired(IdxFile images, IdxFile labels) throws DataFormatException {
    if (images.dims[0] != labels.dims[0]) {
      throw new DataFormatException(
          String.format(
              "label count %d in %s does not equal image count %d in %s",
              labels.dims[0], labels.file, images.dims[0], images.file));
    }
  }

  /**
   * Writes an unsigned-byte IDX file (gzip-compressed when the name ends in {@code .gz}), e.g. to
   * export a drawn subset or to make test fixtures.
   */
  public static void write(Path file, int[] dims, byte[] data) throws IOException {
    long length = 1;
    for (int d : dims) {
      length *= d;
    }
    if (length != data.length) {
      throw new IllegalArgumentException(
          "dimensions " + Arrays.toString(dims) + " need " + length + " bytes, got " + data.length);
    }
    java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(4 + 4 * dims.length);
    header.put((byte) 0).put((byte) 0).put((byte) UNSIGNED_BYTE).put((byte) dims.length);
    for (int d : dims) {
      header.putInt(d);
    }
    try (java.io.OutputStream raw = Files.newOutputStream(file);
        java.io.OutputStream out =
            file.toString().endsWith(".gz") ? new java.util.zip.GZIPOutputStream(raw) : raw) {
      out.write(header.array());
      out.write(data);
    }
  }

  /** Number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** Opens a file, decompressing when it starts with gzip's magic bytes. */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  /** Hex SHA-256 of a file's content, decompressed when it is gzip. */
  public static String contentSha256(Path file) throws IOException {
    MessageDigest sha = newDigest();
    try (InputStream in = open(file)) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) != -1; ) {
        sha.update(buf, 0, r);
      }
    } catch (ZipException | java.io.EOFException e) {
      throw corruptGzip(file, e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] readFully(InputStream in, Path file, long n, long at, String what)
      throws IOException {
    byte[] b = new byte[(int) n];
    int got = 0;
    while (got < n) {
      int r = in.read(b, got, (int) n - got);
      if (r < 0) {
        throw new DataFormatException(
            String.format(
                "%s: truncated at byte %d: the %s needs %d bytes up to byte %d",
                file, at + got, what, n, at + n));
      }
      got += r;
    }
    return b;
  }

  private static String describe(int[] dims) {
    if (dims.length == 3) {
      return dims[0] + " images of " + dims[1] + "x" + dims[2];
    }
    if (dims.length == 1) {
      return dims[0] + " labels";
    }
    return Arrays.toString(dims);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdxFile f
        && file.equals(f.file)
        && Arrays.equals(dims, f.dims)
        && sha256.equals(f.sha256);
  }

  @Override
  public int hashCode() {
    return file.hashCode() * 31 + sha256.hashCode();
  }

  @Override
  public String toString() {
    return "IdxFile[" + file + ", " + Arrays.toString(dims) + ", sha256=" + sha256 + "]";
  }
}
