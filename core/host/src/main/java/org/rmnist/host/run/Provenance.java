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
 * hashes and draws. Written only once the experiment is bound and its files are checked.
 */
final class Provenance {
  private final Path file;
  private final Map<String, Object> doc = new LinkedHashMap<>();
  private final Map<String, Object> data = new TreeMap<>();

  Provenance(Path dir, Loaded loaded, PluginHost host, CodeIdentity code) throws IOException {
    this.file = dir.resolve("provenance.json");
    String resolved = Json.line(loaded.resolved());
    doc.put("experiment", loaded.spec().name());
    doc.put("file", loaded.file().toString());
    doc.put("config_sha256", FileHashes.of(resolved.getBytes(StandardCharsets.UTF_8)));
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
    if (Files.isRegularFile(file)) {
      // keep what earlier (resumed) invocations learnt about data
      try {
        Map<?, ?> old = Json.MAPPER.readValue(file.toFile(), Map.class);
        if (old != null && old.get("data") instanceof Map<?, ?> m) {
          m.forEach((k, v) -> data.put(k.toString(), v));
        }
      } catch (IOException e) {
        // a damaged provenance.json is replaced; the data facts come back as data loads
      }
    }
  }

  void write() throws IOException {
    Json.write(file, doc);
  }

  void addData(String key, Map<String, String> facts) throws IOException {
    data.put(key, facts);
    write();
  }
}
