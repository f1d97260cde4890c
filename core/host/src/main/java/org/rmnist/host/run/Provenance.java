package org.rmnist.host.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.Home;
import org.rmnist.host.util.Json;

/**
 * {@code provenance.json}: how the experiment was made (file, overrides, resolved config and its hash,
 * plugins with jar hashes, git commit, machine) and, as data sets load, their file hashes and draws.
 */
final class Provenance {
  private final Path file;
  private final Map<String, Object> doc = new LinkedHashMap<>();
  private final Map<String, Object> data = new TreeMap<>();

  Provenance(Path dir, Loaded loaded, PluginHost host) throws IOException {
    this.file = dir.resolve("provenance.json");
    String resolved = Json.line(loaded.resolved());
    doc.put("experiment", loaded.spec().name());
    doc.put("file", loaded.file().toString());
    doc.put("config_sha256", sha256(resolved.getBytes(StandardCharsets.UTF_8)));
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
      if (Files.isRegularFile(p.path())) {
        m.put("sha256", sha256(Files.readAllBytes(p.path())));
      }
      plugins.add(m);
    }
    doc.put("plugins", plugins);
    doc.put("git_commit", git("rev-parse", "HEAD"));
    String status = git("status", "--porcelain", "--untracked-files=no");
    doc.put("git_dirty", status == null ? null : !status.isBlank());
    doc.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    doc.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    doc.put("processors", Runtime.getRuntime().availableProcessors());
    doc.put("data", data);
    if (Files.isRegularFile(file)) {
      // keep what earlier (resumed) invocations learnt about data
      Map<?, ?> old = Json.MAPPER.readValue(file.toFile(), Map.class);
      if (old.get("data") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> data.put(k.toString(), v));
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

  private static String git(String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", Home.root().toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
