package org.rmnist.host.plugin;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rmnist.api.Component;
import org.rmnist.api.Doc;
import org.rmnist.host.ConfigException;

/**
 * Binds YAML parameters to an extension's config record: defaults first, then the given keys,
 * deep-merged into nested config records (a component whose type is itself a record: the nested
 * record's defaults first, then its given keys). A key given no value ({@code ~}) keeps its
 * default, a group's too. Unknown keys (named by their full path), wrong types (a float where an
 * integer is expected among them) and values the record's constructor rejects become {@link
 * ConfigException}s that name the YAML path.
 */
public final class ConfigBinder {
  private static final Pattern RANGE =
      Pattern.compile("\\((-?\\d+)\\) out of range of \\w+ \\((-?\\d+) - (-?\\d+)\\)");
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
          .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ConfigBinder() {}

  /**
   * One documented parameter of a config record; a nested record's parameters are named by their
   * dotted path ({@code training.lr}) and the nested record itself is listed as a group.
   *
   * @param group whether this is a nested record (its parameters follow it) rather than a value
   */
  public record Parameter(
      String name, String type, Object defaultValue, String doc, boolean group) {
    public Parameter(String name, String type, Object defaultValue, String doc) {
      this(name, type, defaultValue, doc, false);
    }
  }

  /** The config for {@code params} laid over the extension's defaults. */
  public static <C extends Record> C bind(
      Component<C> component, Map<String, ?> params, String where) {
    Class<C> type = component.configType();
    Map<String, Object> merged = toMap(component.defaults());
    if (params != null) {
      merge(merged, params, type, where, component.id());
    }
    try {
      return MAPPER.convertValue(merged, type);
    } catch (IllegalArgumentException e) {
      throw translate(e, component, where);
    }
  }

  /** A config as a plain map, nested records as nested maps (for hashing, logging, results). */
  public static Map<String, Object> toMap(Record config) {
    return MAPPER.convertValue(config, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  /**
   * {@code config} as a map for a run's identity: {@link #toMap}, less each parameter marked {@link
   * org.rmnist.api.Since} (at any depth) that holds its value in {@code defaults}, so that runs
   * recorded before the parameter existed keep their identity.
   */
  public static Map<String, Object> identityMap(Record config, Record defaults) {
    Map<String, Object> map = toMap(config);
    if (defaults != null && defaults.getClass() == config.getClass()) {
      dropDefaultNewcomers(config.getClass(), map, toMap(defaults));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static void dropDefaultNewcomers(
      Class<?> type, Map<String, Object> map, Map<String, Object> defaults) {
    for (RecordComponent rc : type.getRecordComponents()) {
      String name = rc.getName();
      Object value = map.get(name);
      Object fallback = defaults.get(name);
      if (rc.isAnnotationPresent(org.rmnist.api.Since.class)
          && java.util.Objects.equals(value, fallback)) {
        map.remove(name);
      } else if (rc.getType().isRecord()
          && value instanceof Map<?, ?> inner
          && fallback instanceof Map<?, ?> innerDefaults) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) inner);
        dropDefaultNewcomers(rc.getType(), copy, (Map<String, Object>) innerDefaults);
        map.put(name, copy);
      }
    }
  }

  /** The documented parameters of an extension, nested records' ones after their group. */
  public static List<Parameter> parameters(Component<?> component) {
    List<Parameter> list = new ArrayList<>();
    describe(component.configType(), toMap(component.defaults()), "", list);
    return list;
  }

  @SuppressWarnings("unchecked")
  private static void describe(
      Class<?> type, Map<String, Object> defaults, String prefix, List<Parameter> out) {
    for (RecordComponent rc : type.getRecordComponents()) {
      Doc doc = rc.getAnnotation(Doc.class);
      String name = prefix + rc.getName();
      String text = doc == null ? "" : doc.value();
      Object value = defaults == null ? null : defaults.get(rc.getName());
      if (rc.getType().isRecord()) {
        out.add(new Parameter(name, rc.getType().getSimpleName(), null, text, true));
        describe(
            rc.getType(),
            value instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
            name + ".",
            out);
        continue;
      }
      out.add(
          new Parameter(
              name,
              rc.getGenericType().getTypeName().replace("java.lang.", "").replace("java.util.", ""),
              value,
              text));
    }
  }

  /** Lays {@code params} over {@code into}, checking every key against {@code type}. */
  @SuppressWarnings("unchecked")
  private static void merge(
      Map<String, Object> into, Map<String, ?> params, Class<?> type, String where, String id) {
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (RecordComponent rc : type.getRecordComponents()) {
      components.put(rc.getName(), rc);
    }
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String at = where + "." + e.getKey();
      RecordComponent rc = components.get(e.getKey());
      if (rc == null) {
        throw new ConfigException(
            at
                + ": unknown parameter of '"
                + id
                + "'; allowed: "
                + String.join(", ", components.keySet()));
      }
      Object value = e.getValue();
      if (value == null) {
        continue; // ~: the default stays (a nested group's too)
      }
      if (rc.getType().isRecord()) {
        if (!(value instanceof Map<?, ?> given)) {
          throw new ConfigException(
              at
                  + ": expected a map of "
                  + rc.getType().getSimpleName()
                  + " parameters ("
                  + Arrays.stream(rc.getType().getRecordComponents())
                      .map(RecordComponent::getName)
                      .collect(Collectors.joining(", "))
                  + "), got '"
                  + value
                  + "'");
        }
        Object before = into.get(e.getKey());
        Map<String, Object> nested =
            before instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        merge(nested, (Map<String, ?>) given, rc.getType(), at, id);
        into.put(e.getKey(), nested);
      } else {
        into.put(e.getKey(), value);
      }
    }
  }

  private static String expected(Class<?> t) {
    if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
      return "an integer";
    }
    if (t == double.class || t == float.class || t == Double.class) {
      return "a number";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(t)) {
      return "a list";
    }
    return t == String.class ? "a string" : "a " + t.getSimpleName();
  }

  private static ConfigException translate(
      IllegalArgumentException e, Component<?> c, String where) {
    Throwable cause = e.getCause();
    String range = outOfRange(e);
    if (range != null && cause instanceof JsonMappingException jme) {
      return new ConfigException(where + "." + fields(jme) + ": " + range, e);
    }
    if (cause instanceof ValueInstantiationException vie && vie.getCause() != null) {
      // the record's own validation: its message names the key and the allowed values; a nested
      // record's message is prefixed with the record's path
      String path = fields(vie);
      return new ConfigException(
          where
              + ": "
              + c.id()
              + ": "
              + (path.isEmpty() ? "" : path + ".")
              + vie.getCause().getMessage(),
          e);
    }
    if (cause instanceof MismatchedInputException mie) {
      String key = fields(mie);
      String expected =
          mie.getTargetType() == null ? "another type" : mie.getTargetType().getSimpleName();
      if (integral(mie.getTargetType()) && floating(mie)) {
        return new ConfigException(
            where
                + "."
                + key
                + ": expected an integer, got "
                + describeValue(mie)
                + " (write whole numbers without a decimal point)",
            e);
      }
      String got = got(mie);
      if (got != null) {
        return new ConfigException(
            where + "." + key + ": expected " + expected(mie.getTargetType()) + ", got " + got, e);
      }
      return new ConfigException(
          where + "." + key + ": expected " + expected + ", got " + describeValue(mie), e);
    }
    return new ConfigException(where + ": " + c.id() + ": " + e.getMessage(), e);
  }

  /**
   * "V is out of range for an integer (MIN..MAX)" when {@code e}'s causes hold a number too large
   * for its integer type, else null.
   */
  public static String outOfRange(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputCoercionException ice) {
        Matcher m = RANGE.matcher(String.valueOf(ice.getOriginalMessage()));
        if (m.find()) {
          return m.group(1)
              + " is out of range for an integer ("
              + m.group(2)
              + ".."
              + m.group(3)
              + ")";
        }
      }
    }
    return null;
  }

  /** "a list" or "a map" when {@code e} was given one where a single value is expected. */
  private static String got(MismatchedInputException e) {
    String msg = String.valueOf(e.getOriginalMessage());
    if (msg.contains("START_ARRAY")) {
      return "a list";
    }
    return msg.contains("START_OBJECT") ? "a map" : null;
  }

  private static String fields(JsonMappingException e) {
    return e.getPath().stream()
        .map(JsonMappingException.Reference::getFieldName)
        .filter(n -> n != null)
        .collect(Collectors.joining("."));
  }

  private static boolean integral(Class<?> t) {
    return t == int.class
        || t == long.class
        || t == Integer.class
        || t == Long.class
        || t == short.class
        || t == Short.class;
  }

  private static boolean floating(MismatchedInputException e) {
    if (e instanceof InvalidFormatException ife) {
      return ife.getValue() instanceof Double
          || ife.getValue() instanceof Float
          || ife.getValue() instanceof java.math.BigDecimal;
    }
    String msg = e.getOriginalMessage();
    return msg != null && msg.contains("Floating-point value");
  }

  private static String describeValue(MismatchedInputException e) {
    if (e instanceof InvalidFormatException ife) {
      return floating(e) ? String.valueOf(ife.getValue()) : "'" + ife.getValue() + "'";
    }
    String msg = e.getOriginalMessage();
    if (msg != null) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("Floating-point value \\(([^)]*)\\)").matcher(msg);
      if (m.find()) {
        return m.group(1);
      }
    }
    return msg == null ? "a value of the wrong type" : "a value of the wrong type (" + msg + ")";
  }
}
