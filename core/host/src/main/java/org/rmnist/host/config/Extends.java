package org.rmnist.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.host.ConfigException;

/**
 * Resolves {@code extends} in an experiment's runs: {@code extends: cnn-a} (a run of the same file)
 * or {@code extends: best.yaml#cnn-a} (a run of another experiment file, its path relative to the
 * extending file). The run's own keys are laid over the resolved base: maps merge key by key, any
 * other value (lists included) replaces, and {@code ~} (no value) resets a key to its default.
 * Chains are followed; a cycle or an unknown target is an error naming the file and key.
 */
final class Extends {
  static final String KEY = "extends";

  private final Map<Path, ObjectNode> files = new HashMap<>();

  private Extends() {}

  /** Replaces every run of {@code root} (read from {@code file}) by its resolved tree. */
  static void resolve(ObjectNode root, Path file) {
    if (!(root.get("runs") instanceof ObjectNode runs)) {
      return;
    }
    Extends ext = new Extends();
    Path key = file.toAbsolutePath().normalize();
    ext.files.put(key, root);
    List<String> names = new ArrayList<>();
    runs.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      runs.set(name, ext.run(file, root, name, new ArrayList<>()));
    }
  }

  private JsonNode run(Path file, ObjectNode root, String name, List<String> chain) {
    String id = file.toAbsolutePath().normalize() + "#" + name;
    String at = file + ": runs." + name + "." + KEY;
    if (chain.contains(id)) {
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(id), chain.size()));
      cycle.add(id);
      throw new ConfigException(
          at
              + ": cycle: "
              + String.join(
                  " -> ",
                  cycle.stream()
                      .map(
                          c ->
                              Path.of(c.substring(0, c.lastIndexOf('#'))).getFileName()
                                  + c.substring(c.lastIndexOf('#')))
                      .toList())
              + "; a run cannot extend itself, directly or through others");
    }
    JsonNode node = root.get("runs").get(name);
    if (!(node instanceof ObjectNode own) || !own.has(KEY)) {
      return node;
    }
    JsonNode target = own.get(KEY);
    if (!target.isTextual() || target.asText().isBlank()) {
      throw new ConfigException(
          at
              + ": expected the name of a run (cnn-a) or a file and a run "
              + "(best.yaml#cnn-a), got "
              + target);
    }
    String text = target.asText();
    int hash = text.indexOf('#');
    Path baseFile = file;
    ObjectNode baseRoot = root;
    String baseName = text;
    if (hash >= 0) {
      baseName = text.substring(hash + 1);
      if (hash == 0 || baseName.isBlank()) {
        throw new ConfigException(
            at + ": '" + text + "': expected file#run, e.g. " + "best.yaml#cnn-a");
      }
      Path dir = file.toAbsolutePath().getParent();
      baseFile = dir.resolve(text.substring(0, hash)).normalize();
      baseRoot = tree(baseFile, at);
    }
    JsonNode runs = baseRoot.get("runs");
    if (!(runs instanceof ObjectNode all) || !all.has(baseName)) {
      List<String> known = new ArrayList<>();
      if (runs instanceof ObjectNode all) {
        all.fieldNames().forEachRemaining(known::add);
      }
      throw new ConfigException(
          at
              + ": no run '"
              + baseName
              + "' in "
              + baseFile
              + "; runs "
              + "there: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    List<String> deeper = new ArrayList<>(chain);
    deeper.add(id);
    JsonNode base = run(baseFile, baseRoot, baseName, deeper);
    if (!(base instanceof ObjectNode baseRun)) {
      throw new ConfigException(at + ": run '" + baseName + "' of " + baseFile + " is empty");
    }
    ObjectNode merged = merge(baseRun.deepCopy(), own);
    merged.remove(KEY);
    return merged;
  }

  private ObjectNode tree(Path path, String at) {
    Path key = path.toAbsolutePath().normalize();
    ObjectNode cached = files.get(key);
    if (cached == null) {
      try {
        cached = ExperimentLoader.tree(path);
      } catch (ConfigException e) {
        throw new ConfigException(at + ": " + e.getMessage(), e);
      }
      files.put(key, cached);
    }
    return cached;
  }

  /** {@code over} laid over {@code base} (changed in place and returned). */
  static ObjectNode merge(ObjectNode base, ObjectNode over) {
    over.properties()
        .forEach(
            e -> {
              JsonNode b = base.get(e.getKey());
              if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode vo) {
                merge(bo, vo);
              } else {
                base.set(e.getKey(), e.getValue().deepCopy());
              }
            });
    return base;
  }
}
