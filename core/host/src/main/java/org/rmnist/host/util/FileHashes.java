package org.rmnist.host.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rmnist.api.io.IdxFile;
import org.rmnist.support.Sha256;

/**
 * SHA-256 of files, each computed once per process: kept by (real path, size, modification time),
 * so a file changed in place is hashed again and an unchanged 47 MB file is not.
 */
public final class FileHashes {
  private static final Map<String, String> CONTENT = new ConcurrentHashMap<>();
  private static final Map<String, String> BYTES = new ConcurrentHashMap<>();

  private FileHashes() {}

  /**
   * SHA-256 of the file's content, decompressed when it is gzip (what data manifests pin).
   *
   * @throws org.rmnist.api.DataFormatException when a gzip stream is corrupt, naming the file
   */
  public static String content(Path file) throws IOException {
    return cached(CONTENT, file, IdxFile::contentSha256);
  }

  /** SHA-256 of the file's bytes as they are on disk. */
  public static String bytes(Path file) throws IOException {
    return cached(BYTES, file, Sha256::file);
  }

  /** How one kind of hash is computed. */
  private interface Hasher {
    String hash(Path file) throws IOException;
  }

  /** The hash from {@code cache} while the file's path, size and mtime are unchanged. */
  private static String cached(Map<String, String> cache, Path file, Hasher hasher)
      throws IOException {
    String key = stamp(file);
    String known = cache.get(key);
    if (known == null) {
      known = hasher.hash(file);
      cache.put(key, known);
    }
    return known;
  }

  /** SHA-256 of {@code bytes}, in hex. */
  public static String of(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  private static String stamp(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return file.toRealPath() + "|" + a.size() + "|" + a.lastModifiedTime();
  }
}
