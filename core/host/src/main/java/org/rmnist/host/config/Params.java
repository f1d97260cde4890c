package org.rmnist.host.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter maps as YAML gives them: deep merges (maps merge key by key, any other value replaces)
 * and dotted paths ({@code training.lr}) into nested parameter groups.
 */
public final class Params {
  private static final Object MISSING = new Object();

  private Params() {}

  /** {@code over} laid over {@code base}: nested maps merge, other values replace. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach(
        (k, v) -> {
          Object b = out.get(k);
          if (b instanceof Map<?, ?> bm && v instanceof Map<?, ?> vm) {
            out.put(k, merge((Map<String, ?>) bm, (Map<String, ?>) vm));
          } else {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Whether {@code params} has a value at the dotted {@code path}. */
  public static boolean has(Map<String, ?> params, String path) {
    return lookup(params, path) != MISSING;
  }

  /** The value at the dotted {@code path}, or null when there is none. */
  public static Object get(Map<String, ?> params, String path) {
    Object v = lookup(params, path);
    return v == MISSING ? null : v;
  }

  /**
   * A copy of {@code params} with {@code value} at the dotted {@code path}, creating the nested
   * maps on the way; {@code params} is left as it is.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> with(Map<String, ?> params, String path, Object value) {
    Map<String, Object> top = new LinkedHashMap<>(params);
    Map<String, Object> level = top;
    String[] keys = path.split("\\.", -1);
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = level.get(keys[i]);
      Map<String, Object> copy =
          next instanceof Map<?, ?> m
              ? new LinkedHashMap<>((Map<String, Object>) m)
              : new LinkedHashMap<>();
      level.put(keys[i], copy);
      level = copy;
    }
    level.put(keys[keys.length - 1], value);
    return top;
  }

  /** Every dotted path to a value that is not itself a map, in order. */
  public static List<String> paths(Map<String, ?> params) {
    List<String> out = new java.util.ArrayList<>();
    collect(params, "", out);
    return out;
  }

  private static void collect(Map<String, ?> params, String prefix, List<String> out) {
    params.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> nested = (Map<String, ?>) m;
            collect(nested, prefix + k + ".", out);
          } else {
            out.add(prefix + k);
          }
        });
  }

  private static Object lookup(Map<String, ?> params, String path) {
    Object node = params;
    for (String key : path.split("\\.", -1)) {
      if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
        return MISSING;
      }
      node = m.get(key);
    }
    return node;
  }
}
