package org.rmnist.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rmnist.host.ConfigException;

/**
 * Reads an experiment file, applies {@code key.path=value} overrides (Hydra style), and binds it to
 * {@link ExperimentSpec}. Every error names the file and the key path.
 */
public final class ExperimentLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private ExperimentLoader() {}

  /** A loaded experiment with what it was made from. */
  public record Loaded(Path file, String yaml, List<String> overrides, JsonNode resolved,
      ExperimentSpec spec) {}

  /** Loads {@code file} with the overrides applied, or throws a {@link ConfigException}. */
  public static Loaded load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such experiment file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": not valid YAML at line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new ConfigException(file + ": expected a map of keys (name, datasets, runs, ...)");
    }
    for (String o : overrides) {
      applyOverride(root, o, file);
    }
    if (!root.has("name")) {
      String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      root.put("name", base);
    }
    ExperimentSpec spec;
    try {
      spec = YAML.treeToValue(root, ExperimentSpec.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": " + describe(e), e);
    }
    validate(spec, file);
    return new Loaded(file, text, List.copyOf(overrides), root, spec);
  }

  static void applyOverride(ObjectNode root, String override, Path file) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("override '" + override + "': expected key.path=value");
    }
    String[] path = override.substring(0, eq).split("\\.");
    JsonNode value;
    try {
      value = YAML.readTree(override.substring(eq + 1));
    } catch (JsonProcessingException e) {
      throw new ConfigException("override '" + override + "': value is not valid YAML: "
          + e.getOriginalMessage());
    }
    if (value == null || value.isMissingNode()) {
      value = YAML.getNodeFactory().nullNode();
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
      } else if (node instanceof ArrayNode arr && key.matches("\\d+")
          && Integer.parseInt(key) < arr.size()) {
        if (last) {
          arr.set(Integer.parseInt(key), value);
        } else {
          node = arr.get(Integer.parseInt(key));
        }
      } else {
        throw new ConfigException(file + ": override '" + override + "': " + where
            + " does not exist (its parent is " + node.getNodeType().toString().toLowerCase()
            + ", not a map)");
      }
    }
  }

  private static String describe(JsonProcessingException e) {
    String path = e instanceof JsonMappingException jme ? path(jme) : "";
    if (e instanceof UnrecognizedPropertyException upe) {
      String known = upe.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", "));
      return path + ": unknown key '" + upe.getPropertyName() + "'; allowed: " + known;
    }
    if (e instanceof InvalidFormatException ife) {
      return path + ": expected " + ife.getTargetType().getSimpleName() + ", got '"
          + ife.getValue() + "'";
    }
    if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
      return path + ": expected " + friendly(mie.getTargetType()) + ": " + mie.getOriginalMessage();
    }
    return path + ": " + e.getOriginalMessage();
  }

  private static String friendly(Class<?> type) {
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a map";
    }
    return type.getSimpleName();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
        .collect(Collectors.joining("."));
  }

  private static void validate(ExperimentSpec spec, Path file) {
    if (spec.search() != null) {
      validateSearch(spec, file);
    }
    if (!NAME.matcher(spec.name()).matches()) {
      throw new ConfigException(file + ": name: '" + spec.name()
          + "' is not a valid experiment name; use lower-case letters, digits, '.', '_' and '-'");
    }
    if (spec.datasets().isEmpty()) {
      throw new ConfigException(file + ": datasets: at least one data set is needed");
    }
    if (spec.runs().isEmpty()) {
      throw new ConfigException(file + ": runs: at least one run is needed");
    }
    for (String s : spec.splits()) {
      if (!ExperimentSpec.SPLITS.contains(s)) {
        throw new ConfigException(file + ": splits: unknown split '" + s + "'; allowed: "
            + String.join(", ", ExperimentSpec.SPLITS));
      }
    }
    spec.datasets().forEach((name, d) -> {
      String at = file + ": datasets." + name;
      checkName(name, at);
      if (d.plugin() == null) {
        throw new ConfigException(at + ".plugin: missing; name a dataset extension (see "
            + "`rmnist plugins`)");
      }
      if (d.n().isEmpty()) {
        throw new ConfigException(at + ".n: missing; give images per class, e.g. [1, 5, 10]");
      }
      for (int n : d.n()) {
        if (n < 0) {
          throw new ConfigException(at + ".n: " + n + " is negative; use N >= 1, or 0 for the "
              + "whole pool");
        }
      }
    });
    spec.runs().forEach((name, r) -> {
      String at = file + ": runs." + name;
      checkName(name, at);
      if (r.ensemble() != null) {
        if (r.model() != null) {
          throw new ConfigException(at + ": has both model and ensemble; a run is one or the other");
        }
        if (r.ensemble().members().isEmpty()) {
          throw new ConfigException(at + ".ensemble.members: name at least one run to average");
        }
        for (String m : r.ensemble().members()) {
          RunSpec member = spec.runs().get(m);
          if (member == null || member.ensemble() != null) {
            throw new ConfigException(at + ".ensemble.members: '" + m + "' is not a model run of "
                + "this experiment; model runs: " + String.join(", ", spec.runs().entrySet()
                    .stream().filter(e -> e.getValue().ensemble() == null).map(e -> e.getKey())
                    .toList()));
          }
        }
        return;
      }
      if (r.model() == null) {
        throw new ConfigException(at + ".model: missing; name a model extension (see "
            + "`rmnist plugins`)");
      }
      if (r.augment() != null) {
        if (!AugmentSpec.MODES.contains(r.augment().mode())) {
          throw new ConfigException(at + ".augment.mode: unknown mode '" + r.augment().mode()
              + "'; allowed: " + String.join(", ", AugmentSpec.MODES));
        }
        if (r.augment().copies() < 0) {
          throw new ConfigException(at + ".augment.copies: " + r.augment().copies()
              + " is negative; expected >= 0");
        }
        checkSteps(r.augment().steps(), at + ".augment.steps.");
      }
      checkSteps(r.onTheFly(), at + ".onTheFly.");
    });
  }

  private static void validateSearch(ExperimentSpec spec, Path file) {
    SearchSpec s = spec.search();
    String at = file + ": search";
    RunSpec run = s.run() == null ? null : spec.runs().get(s.run());
    if (run == null || run.ensemble() != null) {
      throw new ConfigException(at + ".run: '" + s.run() + "' is not a model run; model runs: "
          + String.join(", ", spec.runs().entrySet().stream()
              .filter(e -> e.getValue().ensemble() == null).map(Map.Entry::getKey).toList()));
    }
    if (!SearchSpec.METHODS.contains(s.method())) {
      throw new ConfigException(at + ".method: unknown method '" + s.method() + "'; allowed: "
          + String.join(", ", SearchSpec.METHODS));
    }
    if (s.steps() < 1) {
      throw new ConfigException(at + ".steps: " + s.steps() + " must be >= 1");
    }
    if (s.space().isEmpty()) {
      throw new ConfigException(at + ".space: name at least one parameter to search");
    }
    s.space().forEach((name, r) -> {
      String p = at + ".space." + name;
      if (r.categorical()) {
        if (r.values().size() < 2) {
          throw new ConfigException(p + ".values: give at least two values");
        }
        return;
      }
      if (r.min() == null || r.max() == null || !(r.min() < r.max())) {
        throw new ConfigException(p + ": needs min < max (or a list of values)");
      }
      if (!List.of("log", "linear").contains(r.scale())) {
        throw new ConfigException(p + ".scale: unknown scale '" + r.scale() + "'; allowed: log, "
            + "linear");
      }
      if ("log".equals(r.scale()) && r.min() <= 0) {
        throw new ConfigException(p + ".min: a log scale needs min > 0, got " + r.min());
      }
      if (!(r.factor() > 1)) {
        throw new ConfigException(p + ".factor: must be > 1, got " + r.factor());
      }
    });
  }

  private static void checkSteps(List<StepSpec> steps, String at) {
    for (int i = 0; i < steps.size(); i++) {
      StepSpec s = steps.get(i);
      if (s.id() == null) {
        throw new ConfigException(at + i + ".id: missing");
      }
      if (s.p() < 0 || s.p() > 1) {
        throw new ConfigException(at + i + ".p: " + s.p() + " is not a probability in [0, 1]");
      }
    }
  }

  private static void checkName(String name, String at) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(at + ": '" + name + "' is not a valid name; use lower-case "
          + "letters, digits, '.', '_' and '-'");
    }
  }
}
