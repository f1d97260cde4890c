package org.rmnist.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.ConfigBinder;

/**
 * Reads an experiment file strictly (see {@link YamlTree}), resolves its runs' {@code extends},
 * applies {@code key.path=value} overrides (Hydra style), and binds it to {@link ExperimentSpec}.
 * Every error names the file and the key path.
 */
public final class ExperimentLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
          .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private ExperimentLoader() {}

  /** A loaded experiment with what it was made from. */
  public record Loaded(
      Path file, String yaml, List<String> overrides, JsonNode resolved, ExperimentSpec spec) {}

  /** Loads {@code file} with the overrides applied, or throws a {@link ConfigException}. */
  public static Loaded load(Path file, List<String> overrides) {
    String text = read(file);
    ObjectNode root = tree(text, file);
    Extends.resolve(root, file);
    for (String o : overrides) {
      Overrides.apply(root, o, file);
    }
    TreeChecks.renamed(root, file);
    TreeChecks.empties(root, "", file);
    if (!root.hasNonNull("name")) {
      String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      root.put("name", base);
    }
    ExperimentSpec spec;
    try {
      spec = YAML.treeToValue(root, ExperimentSpec.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": " + describe(e), e);
    }
    SpecChecks.validate(spec, file);
    return new Loaded(file, text, List.copyOf(overrides), root, spec);
  }

  /** The tree of an experiment file as written (its runs' {@code extends} not resolved). */
  static ObjectNode tree(Path file) {
    return tree(read(file), file);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such experiment file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static ObjectNode tree(String text, Path file) {
    JsonNode tree = YamlTree.read(text, file.toString());
    if (!(tree instanceof ObjectNode root)) {
      throw new ConfigException(file + ": expected a map of keys (name, datasets, runs, ...)");
    }
    TreeChecks.renamed(root, file);
    return root;
  }

  private static String describe(JsonProcessingException e) {
    String path = e instanceof JsonMappingException jme ? path(jme) : "";
    String range = ConfigBinder.outOfRange(e);
    if (range != null) {
      return path + ": " + range;
    }
    if (e instanceof UnrecognizedPropertyException upe) {
      String known =
          upe.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      return path + ": unknown key '" + upe.getPropertyName() + "'; allowed: " + known;
    }
    if (e instanceof InvalidFormatException ife
        && integral(ife.getTargetType())
        && (ife.getValue() instanceof Double
            || ife.getValue() instanceof Float
            || ife.getValue() instanceof java.math.BigDecimal)) {
      return path
          + ": expected an integer, got "
          + ife.getValue()
          + " (write whole numbers "
          + "without a decimal point)";
    }
    if (e instanceof InvalidFormatException ife) {
      return path
          + ": expected "
          + ife.getTargetType().getSimpleName()
          + ", got '"
          + ife.getValue()
          + "'";
    }
    if (e instanceof MismatchedInputException mie
        && integral(mie.getTargetType())
        && String.valueOf(mie.getOriginalMessage()).contains("Floating-point value")) {
      String value =
          mie.getOriginalMessage().replaceFirst("(?s).*Floating-point value \\(([^)]*)\\).*", "$1");
      return path
          + ": expected an integer, got "
          + value
          + " (write whole numbers without a "
          + "decimal point)";
    }
    if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
      String msg = String.valueOf(mie.getOriginalMessage());
      String got =
          msg.contains("START_ARRAY") ? "a list" : msg.contains("START_OBJECT") ? "a map" : null;
      if (got != null) {
        return path + ": expected " + friendly(mie.getTargetType()) + ", got " + got;
      }
      return path + ": expected " + friendly(mie.getTargetType()) + ": " + mie.getOriginalMessage();
    }
    return path + ": " + e.getOriginalMessage();
  }

  private static boolean integral(Class<?> t) {
    return t == int.class || t == long.class || t == Integer.class || t == Long.class;
  }

  private static String friendly(Class<?> type) {
    if (integral(type)) {
      return "an integer";
    }
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
}
