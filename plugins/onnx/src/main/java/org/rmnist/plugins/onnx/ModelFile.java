package org.rmnist.plugins.onnx;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.rmnist.api.ExtractorContext;
import org.rmnist.support.Sha256;

/** An ONNX model file found under the model roots, with its bytes and their SHA-256. */
final class ModelFile {
  private final Path file;
  private final byte[] bytes;

  private ModelFile(Path file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /**
   * Reads the file {@code path} names: itself when absolute, else the first model root (the working
   * folder when there are none) under which it is a regular file.
   *
   * @throws FileNotFoundException naming every path tried, when none is a file
   */
  static ModelFile read(String path, List<Path> roots) throws IOException {
    Path found = find(path, roots);
    return new ModelFile(found, Files.readAllBytes(found));
  }

  private static Path find(String path, List<Path> roots) throws FileNotFoundException {
    if (path.isBlank()) {
      throw new IllegalArgumentException(
          "path: must name an .onnx file (absolute or relative to a model root), got ''");
    }
    List<Path> tried = new ExtractorContext(roots, null, 1).candidates(path);
    for (Path candidate : tried) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new FileNotFoundException(
        "path: no ONNX model file '"
            + path
            + "'; tried "
            + tried.stream().map(Path::toString).collect(Collectors.joining(", ")));
  }

  /** A model's hash and the stamps of the files it was computed from. */
  private record Known(List<String> external, String stamps, String sha256) {}

  private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();

  /**
   * {@link #sha256(List)} of the model {@code path} names, with the external data its graph lists;
   * computed once per process for each (path, size, modification time) of the model file and its
   * external data files.
   */
  static String modelSha256(String path, List<Path> roots) throws IOException {
    Path found = find(path, roots);
    String key = stamp(found);
    Known known = KNOWN.get(key);
    if (known != null && known.stamps().equals(stamps(found.getParent(), known.external()))) {
      return known.sha256();
    }
    ModelFile file = new ModelFile(found, Files.readAllBytes(found));
    List<String> external = OnnxGraph.parse(file).externalLocations();
    String sha = file.sha256(external);
    KNOWN.put(key, new Known(external, stamps(file.folder(), external), sha));
    return sha;
  }

  private static String stamps(Path folder, List<String> locations) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String location : locations) {
      Path data = (folder == null ? Path.of("") : folder).resolve(location).normalize();
      sb.append(Files.isRegularFile(data) ? stamp(data) : "missing").append('\n');
    }
    return sb.toString();
  }

  private static String stamp(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return file.toRealPath() + "|" + a.size() + "|" + a.lastModifiedTime();
  }

  /** The resolved file. */
  Path file() {
    return file;
  }

  /** Its content (not copied: do not modify). */
  byte[] bytes() {
    return bytes;
  }

  /** The folder external data locations are relative to. */
  Path folder() {
    Path parent = file.getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /**
   * SHA-256 of the model: the file's bytes, then each external data file (in the order given) as
   * its location, length and bytes. The path of the model file itself does not count.
   */
  String sha256(List<String> externalLocations) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    digest.update(bytes);
    byte[] buffer = new byte[1 << 16];
    for (String location : externalLocations) {
      Path data = folder().resolve(location).normalize();
      if (!Files.isRegularFile(data)) {
        throw new FileNotFoundException(
            "path: "
                + file
                + " keeps weights in '"
                + location
                + "', but "
                + data
                + " is not a file");
      }
      digest.update(location.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Long.toString(Files.size(data)).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in = Files.newInputStream(data)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
