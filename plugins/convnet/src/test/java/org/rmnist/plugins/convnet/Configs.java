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

  static ConvnetConfig convnet(int epochs, String optimizer, double lr, double momentum,
      boolean nesterov, String schedule, int evalEvery, boolean keepBest, int warmup,
      boolean batchNorm) {
    return new ConvnetConfig(List.of(10, 20), List.of(5), List.of(0), List.of(2), batchNorm,
        List.of(0.0, 0.5), List.of(50), 0.5, 0.1, 0.25, optimizer, lr, momentum, nesterov, 0,
        0.9, 0.999, 1e-8, schedule, warmup, epochs, 10, true, evalEvery, keepBest, 1);
  }

  static MlpConfig mlp(int epochs, boolean stopEarly) {
    return new MlpConfig(List.of(64), 1.0, "adam", 0.001, 0.9, 0.999, 1e-8, 0, epochs,
        stopEarly, 1e-4, 10, 0, 1);
  }

  /**
   * A tiny ResNet (width 4, 16 x 16 inputs, one block per stage) with Adam at a constant rate,
   * batch 20, reshuffled every epoch, one thread.
   */
  static ResnetConfig resnet(int epochs) {
    return new ResnetConfig(16, "bilinear", ResnetConfig.IMAGENET_MEAN, ResnetConfig.IMAGENET_STD,
        4, List.of(1, 1, 1, 1), "adam", 0.01, 0, false, 0, 0.9, 0.999, 1e-8, "constant", 0,
        epochs, 20, false, 0, false, 1);
  }

  /** A copy of {@code config} with one component replaced (runs the validating constructor). */
  static <R extends Record> R with(R config, String key, Object value) {
    return with(config, Map.of(key, value == null ? NULL : value));
  }

  private static final Object NULL = new Object();

  /** A copy of {@code config} with the given components replaced. */
  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R config, Map<String, Object> values) {
    try {
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
