package org.rmnist.host.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.api.Component;
import org.rmnist.api.Doc;
import org.rmnist.host.ConfigException;

/**
 * Binds YAML parameters to an extension's config record: defaults first, then the given keys. Unknown
 * keys, wrong types and values the record's constructor rejects become {@link ConfigException}s that
 * name the YAML path.
 */
public final class ConfigBinder {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ConfigBinder() {}

  /** One documented parameter of a config record. */
  public record Parameter(String name, String type, Object defaultValue, String doc) {}

  /** The config for {@code params} laid over the extension's defaults. */
  public static <C extends Record> C bind(Component<C> component, Map<String, ?> params,
      String where) {
    Class<C> type = component.configType();
    List<String> allowed = names(type);
    Map<String, Object> merged = toMap(component.defaults());
    if (params != null) {
      for (Map.Entry<String, ?> e : params.entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw new ConfigException(where + "." + e.getKey() + ": unknown parameter of '"
              + component.id() + "'; allowed: " + String.join(", ", allowed));
        }
        merged.put(e.getKey(), e.getValue());
      }
    }
    try {
      return MAPPER.convertValue(merged, type);
    } catch (IllegalArgumentException e) {
      throw translate(e, component, where);
    }
  }

  /** A config as a plain map (for hashing, logging and results). */
  public static Map<String, Object> toMap(Record config) {
    return MAPPER.convertValue(config, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  /** The documented parameters of an extension, with their defaults. */
  public static List<Parameter> parameters(Component<?> component) {
    Map<String, Object> defaults = toMap(component.defaults());
    List<Parameter> list = new ArrayList<>();
    for (RecordComponent rc : component.configType().getRecordComponents()) {
      Doc doc = rc.getAnnotation(Doc.class);
      list.add(new Parameter(rc.getName(), rc.getGenericType().getTypeName()
          .replace("java.lang.", "").replace("java.util.", ""),
          defaults.get(rc.getName()), doc == null ? "" : doc.value()));
    }
    return list;
  }

  private static List<String> names(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  private static ConfigException translate(IllegalArgumentException e, Component<?> c,
      String where) {
    Throwable cause = e.getCause();
    if (cause instanceof ValueInstantiationException vie && vie.getCause() != null) {
      // the record's own validation: its message names the key and the allowed values
      return new ConfigException(where + ": " + c.id() + ": " + vie.getCause().getMessage(), e);
    }
    if (cause instanceof MismatchedInputException mie) {
      String key = mie.getPath().stream().map(JsonMappingException.Reference::getFieldName)
          .filter(n -> n != null).reduce((a, b) -> a + "." + b).orElse("?");
      String expected = mie.getTargetType() == null ? "another type"
          : mie.getTargetType().getSimpleName();
      return new ConfigException(where + "." + key + ": expected " + expected + ", got "
          + describeValue(mie), e);
    }
    return new ConfigException(where + ": " + c.id() + ": " + e.getMessage(), e);
  }

  private static String describeValue(MismatchedInputException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException ife) {
      return "'" + ife.getValue() + "'";
    }
    String msg = e.getOriginalMessage();
    return msg == null ? "a value of the wrong type" : "a value of the wrong type (" + msg + ")";
  }
}
