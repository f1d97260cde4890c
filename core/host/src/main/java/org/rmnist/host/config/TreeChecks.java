package org.rmnist.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rmnist.host.ConfigException;

/**
 * Checks on an experiment's tree before it is bound: keys renamed since earlier versions of the
 * format (every section names its extension with {@code id}) and values left empty where no default
 * can stand in for them.
 */
final class TreeChecks {
  /** Former key → the key that replaced it, by section. */
  private static final Map<String, Map<String, String>> RENAMED =
      Map.of(
          "datasets", Map.of("plugin", "id"),
          "runs", Map.of("model", "id"),
          "features", Map.of("extractor", "id", "model", "manifest"));

  /** Maps whose every value must be given: an empty one cannot mean a default. */
  private static final List<String> NO_EMPTY_VALUES =
      List.of("datasets", "runs", "reference", "paramsByN", "space");

  private TreeChecks() {}

  /** Throws for a key that has been renamed, saying what it is called now. */
  static void renamed(ObjectNode root, Path file) {
    section(root, "datasets", file);
    section(root, "runs", file);
    if (root.get("runs") instanceof ObjectNode runs) {
      runs.properties()
          .forEach(
              r -> {
                if (r.getValue().get("features") instanceof ObjectNode f) {
                  check(f, "features", file + ": runs." + r.getKey() + ".features");
                }
              });
    }
    if (root.get("datasets") instanceof ObjectNode sets) {
      sets.properties()
          .forEach(
              d -> {
                if (d.getValue().get("build") instanceof ObjectNode b
                    && b.get("features") instanceof ObjectNode f) {
                  check(f, "features", file + ": datasets." + d.getKey() + ".build.features");
                }
              });
    }
  }

  private static void section(ObjectNode root, String name, Path file) {
    if (root.get(name) instanceof ObjectNode entries) {
      entries
          .properties()
          .forEach(
              e -> {
                if (e.getValue() instanceof ObjectNode entry) {
                  check(entry, name, file + ": " + name + "." + e.getKey());
                }
              });
    }
  }

  private static void check(ObjectNode entry, String section, String at) {
    RENAMED
        .get(section)
        .forEach(
            (old, now) -> {
              if (entry.has(old)) {
                throw new ConfigException(
                    at
                        + "."
                        + old
                        + ": this key is now called '"
                        + now
                        + "'"
                        + ("id".equals(now)
                            ? " (every section names its extension with id)"
                            : " (the models/ manifest to read)")
                        + "; write "
                        + now
                        + ": "
                        + entry.get(old).asText());
              }
            });
  }

  /** Throws for an empty list item, or an empty value where a default cannot stand in. */
  static void empties(JsonNode node, String path, Path file) {
    if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        if (arr.get(i).isNull()) {
          throw new ConfigException(
              file
                  + ": "
                  + path
                  + "."
                  + i
                  + ": empty list item; give a "
                  + "value or remove the item");
        }
        empties(arr.get(i), path + "." + i, file);
      }
    } else if (node instanceof ObjectNode obj) {
      String last = path.substring(path.lastIndexOf('.') + 1);
      obj.properties()
          .forEach(
              e -> {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isNull() && NO_EMPTY_VALUES.contains(last)) {
                  throw new ConfigException(file + ": " + at + ": empty; " + what(last));
                }
                empties(e.getValue(), at, file);
              });
    }
  }

  private static String what(String section) {
    return switch (section) {
      case "datasets" -> "give the data set's keys (id, params, n, ...) or remove it";
      case "runs" -> "give the run's keys (id, params, trainSeeds, ...) or remove it";
      case "reference" -> "give the published accuracy (%) or remove the entry";
      case "paramsByN" -> "give the parameters for this n or remove the entry";
      default -> "give the parameter's range (min and max, or values) or remove it";
    };
  }
}
