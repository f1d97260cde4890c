package org.rmnist.plugins.convnet;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/** Small configs for fast tests: Nielsen's network with few epochs and a constant rate. */
final class Configs {
  private Configs() {}

  static ConvnetConfig nielsen(int epochs) {
    return convnet(epochs, "sgd", 0.05, 0, false, "constant", 0, false, 0, false);
  }

  static ConvnetConfig convnet(
      int epochs,
      String optimizer,
      double lr,
      double momentum,
      boolean nesterov,
      String schedule,
      int evalEvery,
      boolean keepBest,
      int warmup,
      boolean batchNorm) {
    return new ConvnetConfig(
        List.of(10, 20),
        List.of(5),
        List.of(0),
        List.of(2),
        batchNorm,
        List.of(0.0, 0.5),
        List.of(50),
        0.5,
        0.1,
        0.25,
        new Training(
            optimizer, lr, momentum, nesterov, 0, 0.9, 0.999, 1e-8, schedule, warmup, epochs, 10,
            true, evalEvery, keepBest, 1),
        "supervised",
        Pretraining.defaults(),
        Semi.defaults());
  }

  static MlpConfig mlp(int epochs, boolean stopEarly) {
    return new MlpConfig(
        List.of(64),
        1.0,
        new Training(
            "adam",
            0.001,
            0,
            false,
            0,
            0.9,
            0.999,
            1e-8,
            "constant",
            0,
            epochs,
            0,
            false,
            0,
            false,
            1,
            stopEarly,
            1e-4,
            10));
  }

  /**
   * A tiny ResNet (width 4, 16 x 16 inputs, one block per stage) with Adam at a constant rate,
   * batch 20, reshuffled every epoch, one thread.
   */
  static ResnetConfig resnet(int epochs) {
    return new ResnetConfig(
        ResnetConfig.imagenet(16),
        4,
        List.of(1, 1, 1, 1),
        new Training(
            "adam",
            0.01,
            0,
            false,
            0,
            0.9,
            0.999,
            1e-8,
            "constant",
            0,
            epochs,
            20,
            false,
            0,
            false,
            1));
  }

  /** A copy of {@code config} with one component replaced (runs the validating constructor). */
  static <R extends Record> R with(R config, String key, Object value) {
    return with(config, Map.of(key, value == null ? NULL : value));
  }

  private static final Object NULL = new Object();

  /**
   * A copy of {@code config} with the given components replaced; a dotted key ({@code training.lr})
   * replaces a component of a nested record.
   */
  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R config, Map<String, Object> given) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    Map<String, Map<String, Object>> nested = new java.util.LinkedHashMap<>();
    given.forEach(
        (k, v) -> {
          int dot = k.indexOf('.');
          if (dot < 0) {
            values.put(k, v);
          } else {
            nested
                .computeIfAbsent(k.substring(0, dot), x -> new java.util.LinkedHashMap<>())
                .put(k.substring(dot + 1), v);
          }
        });
    try {
      for (Map.Entry<String, Map<String, Object>> e : nested.entrySet()) {
        Record inner = (Record) config.getClass().getMethod(e.getKey()).invoke(config);
        values.put(e.getKey(), with(inner, e.getValue()));
      }
      RecordComponent[] rc = config.getClass().getRecordComponents();
      Object[] args = new Object[rc.length];
      Class<?>[] types = new Class<?>[rc.length];
      int found = 0;
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        Object v = values.get(rc[i].getName());
        args[i] = v == null ? rc[i].getAccessor().invoke(config) : v == NULL ? null : v;
        found += v == null ? 0 : 1;
      }
      if (found != values.size()) {
        throw new IllegalArgumentException("unknown components in " + values.keySet());
      }
      return (R) config.getClass().getDeclaredConstructor(types).newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
