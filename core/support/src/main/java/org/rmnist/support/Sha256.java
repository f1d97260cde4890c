package org.rmnist.support;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 in lower-case hex of bytes, text, a file (streamed) and a folder tree. */
public final class Sha256 {
  private static final int BUFFER = 1 << 16;

  private Sha256() {}

  /** A fresh SHA-256 digest (every Java platform has one). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The hash of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** The hash of {@code text}'s UTF-8 bytes. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hash of the file's content, read in blocks (files of any size). */
  public static String file(Path file) throws IOException {
    MessageDigest digest = newDigest();
    update(digest, file);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Feeds the file's content to {@code digest}, in blocks; returns the number of bytes read. */
  public static long update(MessageDigest digest, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return update(digest, in);
    }
  }

  /** Feeds the rest of {@code in} to {@code digest} (not closing it); returns the bytes read. */
  public static long update(MessageDigest digest, InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      total += n;
    }
    return total;
  }

  /**
   * The hash of every regular file under {@code folder}, sorted by path relative to it (with {@code
   * /} between names); each file contributes its relative path in UTF-8, a zero byte, its length as
   * 8 big-endian bytes and its content. Moving or renaming the folder keeps the hash; renaming,
   * adding, removing or changing a file inside changes it. Empty folders do not count.
   *
   * @throws FileNotFoundException when {@code folder} is not a folder
   */
  public static String tree(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new FileNotFoundException(folder + ": not a folder");
    }
    TreeMap<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(folder.relativize(p).toString().replace('\\', '/'), p);
      }
    }
    MessageDigest digest = newDigest();
    for (var e : files.entrySet()) {
      digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(longBytes(Files.size(e.getValue())));
      update(digest, e.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@code v} as 8 big-endian bytes. */
  public static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }
}
