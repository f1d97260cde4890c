package org.rmnist.plugins.tensorflow;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rmnist.api.ExtractorContext;
import org.rmnist.support.Sha256;
import org.tensorflow.proto.SavedModel;

/** Finds a SavedModel folder and hashes the files that define the model's outputs. */
final class ModelFolder {
  private ModelFolder() {}

  /** The graph file names TensorFlow accepts, in the order it looks for them. */
  static final List<String> GRAPH_FILES = List.of("saved_model.pb", "saved_model.pbtxt");

  /** Sub-folders whose files are part of the model: weights and assets (vocabularies, ...). */
  static final List<String> DATA_FOLDERS = List.of("variables", "assets");

  /**
   * The SavedModel folder {@code path} names: itself when absolute, else the first model root (the
   * working folder when there are none) under which it is a folder holding a graph file.
   *
   * @throws FileNotFoundException naming every folder tried, when none holds a SavedModel
   */
  static Path resolve(String path, List<Path> roots) throws FileNotFoundException {
    if (path.isBlank()) {
      throw new IllegalArgumentException(
          "path: must name a SavedModel folder (absolute or relative to a model root), got ''");
    }
    List<Path> tried = new ExtractorContext(roots, null, 1).candidates(path);
    for (Path candidate : tried) {
      if (graphFile(candidate) != null) {
        return candidate;
      }
    }
    throw new FileNotFoundException(
        "path: no SavedModel folder (one holding "
            + String.join(" or ", GRAPH_FILES)
            + ") at '"
            + path
            + "'; tried "
            + tried.stream().map(Path::toString).collect(Collectors.joining(", ")));
  }

  /**
   * SHA-256 over the graph file and every file under {@code variables/} and {@code assets/}, sorted
   * by path relative to the folder; each file contributes its relative path, its length and its
   * bytes, so renaming or moving the folder keeps the hash. A binary graph file counts as its
   * deterministic re-serialisation (map entries sorted by key): TensorFlow writes node attributes
   * in an arbitrary order, so two exports of one graph differ in bytes, not in content.
   */
  static String sha256(Path folder) throws IOException {
    TreeMap<String, Path> files = files(folder);
    String stamps = stamps(files);
    String[] known = KNOWN.get(folder.toRealPath().toString());
    if (known != null && known[0].equals(stamps)) {
      return known[1];
    }
    String sha = hash(files);
    KNOWN.put(folder.toRealPath().toString(), new String[] {stamps, sha});
    return sha;
  }

  /** Per folder: the stamps (path, size, modification time) of its files, and their hash. */
  private static final Map<String, String[]> KNOWN = new ConcurrentHashMap<>();

  private static String stamps(TreeMap<String, Path> files) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (var e : files.entrySet()) {
      BasicFileAttributes a = Files.readAttributes(e.getValue(), BasicFileAttributes.class);
      sb.append(e.getKey())
          .append('|')
          .append(a.size())
          .append('|')
          .append(a.lastModifiedTime())
          .append('\n');
    }
    return sb.toString();
  }

  private static TreeMap<String, Path> files(Path folder) throws IOException {
    TreeMap<String, Path> files = new TreeMap<>();
    Path graph = graphFile(folder);
    if (graph == null) {
      throw new FileNotFoundException("path: " + folder + " holds no " + GRAPH_FILES);
    }
    files.put(graph.getFileName().toString(), graph);
    for (String sub : DATA_FOLDERS) {
      Path dir = folder.resolve(sub);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
          for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
            files.put(folder.relativize(p).toString().replace('\\', '/'), p);
          }
        }
      }
    }
    return files;
  }

  private static String hash(TreeMap<String, Path> files) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[1 << 16];
    for (var e : files.entrySet()) {
      digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      if (e.getKey().equals(GRAPH_FILES.get(0))) {
        byte[] canonical = canonicalGraph(e.getValue());
        digest.update(Sha256.longBytes(canonical.length));
        digest.update(canonical);
        continue;
      }
      digest.update(Sha256.longBytes(Files.size(e.getValue())));
      try (InputStream in = Files.newInputStream(e.getValue())) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A {@code saved_model.pb} serialised again with map entries in key order. */
  static byte[] canonicalGraph(Path file) throws IOException {
    SavedModel model;
    try (InputStream in = Files.newInputStream(file)) {
      model = SavedModel.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(
          "path: " + file + " is not a SavedModel protocol buffer: " + e.getMessage(), e);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.getSerializedSize());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    model.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static Path graphFile(Path folder) {
    for (String name : GRAPH_FILES) {
      Path file = folder.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }
}
