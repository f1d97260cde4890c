package org.rmnist.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.host.ConfigException;

/**
 * Reads YAML into a tree strictly: a key given twice in one map is an error naming the key and its
 * line; anchors ({@code &name}) and aliases ({@code *name}) are resolved, and a merge key ({@code
 * <<: *base}, or a list of aliases) lays the anchored map's keys under the map's own.
 */
final class YamlTree {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE = "<<";

  private final String file;
  private final Map<String, JsonNode> anchors = new HashMap<>();

  private YamlTree(String file) {
    this.file = file;
  }

  /**
   * The tree of {@code text} (null for an empty document).
   *
   * @param file the file's name for messages
   */
  static JsonNode read(String text, String file) {
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      JsonNode tree = new YamlTree(file).value((YAMLParser) p);
      int end = line(p);
      if (p.nextToken() != null) {
        throw new ConfigException(
            file
                + ": line "
                + marker(text, end, line(p))
                + ": a second YAML document (---); an experiment file holds one document");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          file
              + ": not valid YAML at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private JsonNode value(YAMLParser p) throws IOException {
    String anchor = p.getObjectId();
    JsonNode node;
    if (p.isCurrentAlias()) {
      JsonNode target = anchors.get(p.getText());
      if (target == null) {
        throw new ConfigException(
            file
                + ": line "
                + line(p)
                + ": alias *"
                + p.getText()
                + " names no anchor defined before it (define &"
                + p.getText()
                + " first)");
      }
      return target.deepCopy();
    }
    switch (p.currentToken()) {
      case START_OBJECT -> node = map(p);
      case START_ARRAY -> {
        ArrayNode arr = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          arr.add(value(p));
        }
        node = arr;
      }
      case VALUE_NULL -> node = NODES.nullNode();
      default -> node = MAPPER.readTree(p);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private ObjectNode map(YAMLParser p) throws IOException {
    ObjectNode own = NODES.objectNode();
    ObjectNode merged = NODES.objectNode();
    Map<String, Integer> lines = new HashMap<>();
    while (p.nextToken() != JsonToken.END_OBJECT) {
      String key = p.currentName();
      int at = line(p);
      p.nextToken();
      JsonNode v = value(p);
      if (MERGE.equals(key)) {
        mergeInto(merged, v, at);
        continue;
      }
      Integer before = lines.put(key, at);
      if (before != null) {
        throw new ConfigException(
            file
                + ": line "
                + at
                + ": duplicate key '"
                + key
                + "' (first given at line "
                + before
                + "); give each key once");
      }
      own.set(key, v);
    }
    merged.setAll(own);
    return merged;
  }

  private void mergeInto(ObjectNode merged, JsonNode v, int at) {
    if (v instanceof ObjectNode m) {
      m.properties()
          .forEach(
              e -> {
                if (!merged.has(e.getKey())) {
                  merged.set(e.getKey(), e.getValue());
                }
              });
      return;
    }
    if (v instanceof ArrayNode list && list.valueStream().allMatch(JsonNode::isObject)) {
      list.forEach(m -> mergeInto(merged, m, at));
      return;
    }
    throw new ConfigException(
        file
            + ": line "
            + at
            + ": '<<' (merge key) expects an alias of "
            + "a map, e.g. <<: *base, or a list of them; got "
            + v.getNodeType().toString().toLowerCase());
  }

  /** The line of the last {@code ---} in lines {@code from..to} (1-based), else {@code to}. */
  private static int marker(String text, int from, int to) {
    List<String> lines = text.lines().toList();
    for (int n = Math.min(to, lines.size()); n >= from; n--) {
      if (lines.get(n - 1).startsWith("---")) {
        return n;
      }
    }
    return to;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
