package org.rmnist.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.host.ConfigException;

/**
 * {@code key.path=value} overrides (Hydra style), applied to an experiment's tree after its runs'
 * {@code extends} are resolved. A path step that is a number indexes a list; {@code null} (or
 * {@code ~}) sets a key to no value, which means its default. Values are read as strictly as the
 * file (see {@link YamlTree}). A key under a run or data set the file does not have is refused (a
 * typo would add one); a new run or data set is given whole: {@code runs.knn={id: knn}}.
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
    entry(root, path, at);
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

  /**
   * Refuses a key under {@code runs.NAME} or {@code datasets.NAME} for a NAME the file does not
   * have (a typo would otherwise add an entry); a new entry is given whole ({@code runs.x={...}}).
   */
  private static void entry(ObjectNode root, String[] path, String at) {
    boolean runs = path[0].equals("runs");
    if (path.length < 3 || !(runs || path[0].equals("datasets"))) {
      return;
    }
    JsonNode section = root.get(path[0]);
    if (section != null && section.has(path[1])) {
      return;
    }
    List<String> names = new ArrayList<>();
    if (section != null) {
      section.fieldNames().forEachRemaining(names::add);
    }
    String what = runs ? "run" : "data set";
    throw new ConfigException(
        at
            + ": no "
            + what
            + " '"
            + path[1]
            + "'; "
            + what
            + "s: "
            + (names.isEmpty() ? "none" : String.join(", ", names))
            + " (to add "
            + (runs ? "a run" : "one")
            + ", give it whole: "
            + path[0]
            + "."
            + path[1]
            + "={id: ...})");
  }
}
