package org.rmnist.host.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.FileHashes;
import org.rmnist.host.util.Json;

/**
 * {@code provenance.json}: how the experiment was made (file, overrides, resolved config and its
 * hash, plugins with jar hashes, git commit, machine, engines) and, as data sets load, their file
 * hashes and draws. Written only once the experiment is bound and its files are checked, by the
 * launching command; workers add data facts under the folder's lock, merging with what is there.
 */
final class Provenance {
  private final Path file;
  private final Map<String, Object> doc = new LinkedHashMap<>();
  private final Map<String, Object> data = new TreeMap<>();

  Provenance(Path dir, Loaded loaded, PluginHost host, CodeIdentity code) throws IOException {
    this.file = dir.resolve("provenance.json");
    doc.put("experiment", loaded.spec().name());
    doc.put("file", loaded.file().toString());
    doc.put("config_sha256", configOf(loaded));
    doc.put("overrides", loaded.overrides());
    doc.put("yaml", loaded.yaml());
    doc.put("resolved", loaded.resolved());
    List<Map<String, Object>> plugins = new ArrayList<>();
    for (PluginHost.PluginInfo p : host.plugins()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("version", p.version());
      m.put("path", p.path().toString());
      m.put("state", p.state());
      String sha = CodeIdentity.jarSha256(p.path());
      if (!sha.isEmpty()) {
        m.put("sha256", sha);
      }
      plugins.add(m);
    }
    doc.put("plugins", plugins);
    doc.putAll(code.common());
    doc.put("processors", Runtime.getRuntime().availableProcessors());
    doc.put("data", data);
  }

  /** The hash of the experiment's resolved config (file, extends and overrides applied). */
  static String configOf(Loaded loaded) {
    return FileHashes.of(Json.line(loaded.resolved()).getBytes(StandardCharsets.UTF_8));
  }

  /** The file, in {@code dir}. */
  static Path file(Path dir) {
    return dir.resolve("provenance.json");
  }

  /** This experiment's config hash. */
  String configSha256() {
    return (String) doc.get("config_sha256");
  }

  /** Writes the file, keeping the data facts that earlier (resumed) invocations learnt. */
  void write() throws IOException {
    FolderLock.with(
        file.getParent(),
        () -> {
          data.putAll(dataOf(read(file)));
          Json.write(file, doc);
          return null;
        });
  }

  /** Adds one data set's facts to {@code dir}'s provenance.json, as a worker learns them. */
  static void addData(Path dir, String key, Map<String, String> facts) throws IOException {
    Path file = file(dir);
    FolderLock.with(
        dir,
        () -> {
          Map<String, Object> doc = read(file);
          Map<String, Object> data = dataOf(doc);
          data.put(key, facts);
          doc.put("data", data);
          Json.write(file, doc);
          return null;
        });
  }

  private static Map<String, Object> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> doc =
          Json.MAPPER.readValue(
              file.toFile(),
              new com.fasterxml.jackson.core.type.TypeReference<
                  LinkedHashMap<String, Object>>() {});
      return doc == null ? new LinkedHashMap<>() : doc;
    } catch (IOException e) {
      return new LinkedHashMap<>(); // a damaged provenance.json is replaced
    }
  }

  /** The data facts of a provenance document (empty for a missing or damaged file). */
  private static Map<String, Object> dataOf(Map<String, Object> doc) {
    Map<String, Object> data = new TreeMap<>();
    if (doc.get("data") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> data.put(k.toString(), v));
    }
    return data;
  }
}
