package org.rmnist.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.rmnist.host.ConfigException;

/**
 * {@code key.path=value} overrides (Hydra style), applied to an experiment's tree after its runs'
 * {@code extends} are resolved. A path step that is a number indexes a list; {@code null} (or
 * {@code ~}) sets a key to no value, which means its default. Values are read as strictly as the
 * file (see {@link YamlTree}).
 */
final class Overrides {
  private Overrides() {}

  static void apply(ObjectNode root, String override, Path file) {
    String at = file + ": override '" + override + "'";
    int eq = override.indexOf('=');
    if (eq < 0) {
      throw new ConfigException(at + ": expected key.path=value");
    }
    if (eq == 0) {
      throw new ConfigException(at + ": no key before '='; expected key.path=value");
    }
    String[] path = override.substring(0, eq).split("\\.", -1);
    for (String key : path) {
      if (key.isBlank()) {
        throw new ConfigException(
            at
                + ": empty key in '"
                + override.substring(0, eq)
                + "'; keys are separated by single dots, e.g. runs.svm.params.c=10");
      }
    }
    if (path[path.length - 1].equals(Extends.KEY)) {
      throw new ConfigException(
          at
              + ": extends cannot be overridden (overrides apply to the "
              + "resolved runs); override the keys themselves");
    }
    String text = override.substring(eq + 1);
    if (text.isBlank()) {
      throw new ConfigException(
          at
              + ": no value after '='; give one ("
              + override.substring(0, eq)
              + "=null sets it to its default)");
    }
    JsonNode value = YamlTree.read(text, at);
    if (value == null || value.isMissingNode()) {
      value = JsonNodeFactory.instance.nullNode();
    }
    JsonNode node = root;
    for (int i = 0; i < path.length; i++) {
      String key = path[i];
      boolean last = i == path.length - 1;
      String where = String.join(".", List.of(path).subList(0, i + 1));
      if (node instanceof ObjectNode obj) {
        if (last) {
          obj.set(key, value);
        } else {
          JsonNode next = obj.get(key);
          node = next == null || next.isNull() ? obj.putObject(key) : next;
        }
      } else if (node instanceof ArrayNode arr) {
        if (!key.matches("\\d{1,9}")) {
          throw new ConfigException(
              at
                  + ": "
                  + where
                  + ": '"
                  + key
                  + "' is not a list index; "
                  + "the list has "
                  + arr.size()
                  + " items, indexed from 0");
        }
        int index = Integer.parseInt(key);
        if (index >= arr.size()) {
          throw new ConfigException(
              at
                  + ": "
                  + where
                  + ": index "
                  + index
                  + " is out of range; "
                  + "the list has "
                  + arr.size()
                  + " items"
                  + (arr.isEmpty() ? "" : " (0.." + (arr.size() - 1) + ")"));
        }
        if (last) {
          arr.set(index, value);
        } else {
          node = arr.get(index);
        }
      } else {
        throw new ConfigException(
            at
                + ": "
                + where
                + " does not exist (its parent is "
                + node.getNodeType().toString().toLowerCase()
                + ", not a map)");
      }
    }
  }
}
