package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rmnist.api.Doc;
import org.rmnist.api.NetworkInput;

/** Every bad value is rejected with a message naming the key, the value and what is allowed. */
class ConfigValidationTest {
  static final ConvnetConfig C = ConvnetConfig.defaults();
  static final MlpConfig M = MlpConfig.defaults();
  static final ResnetConfig R = ResnetConfig.defaults();

  private static void fails(String message, Executable create) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
    assertEquals(message, e.getMessage());
  }

  @Test
  void defaultsAreNielsens() {
    assertEquals(List.of(10, 20), C.channels());
    assertEquals(List.of(5), C.kernels());
    assertEquals(List.of(2), C.pool());
    assertEquals(List.of(0.0, 0.5), C.dropout2d());
    assertEquals(List.of(50), C.dense());
    assertEquals(0.5, C.dropout());
    assertEquals(0.1, C.inputMean());
    assertEquals(0.25, C.inputStd());
    assertEquals("sgd", C.optimizer());
    assertEquals(0.1, C.lr());
    assertEquals(0.0, C.momentum());
    assertEquals("nielsen", C.schedule());
    assertEquals(10, C.batchSize());
    assertEquals(200, C.epochs());
    assertTrue(C.fixedBatches());
    assertEquals(1, C.threads());
    assertEquals(List.of(500, 100), M.hidden());
    assertEquals(1.0, M.alpha());
    assertEquals(0.001, M.lr());
    assertEquals(0, M.batchSize());
    assertEquals(200, M.epochs());
    assertTrue(M.stopEarly());
  }

  @Test
  void architectureKeys() {
    fails("channels: must be a list, got null", () -> Configs.with(C, "channels", null));
    fails("channels: must hold 1..16 values, got 0 []",
        () -> Configs.with(C, "channels", List.of()));
    fails("channels: must be in [1, 4096], got 0", () -> Configs.with(C, "channels", List.of(0)));
    fails("kernels: must hold 1..2 values, got 3 [5, 5, 5]",
        () -> Configs.with(C, "kernels", List.of(5, 5, 5)));
    fails("kernels: must be in [1, 31], got 33", () -> Configs.with(C, "kernels", List.of(33)));
    fails("padding: must be in [0, 15], got -1", () -> Configs.with(C, "padding", List.of(-1)));
    fails("pool: must be in [1, 8] (1 = no pooling), got 0",
        () -> Configs.with(C, "pool", List.of(0)));
    fails("dropout2d: must be in [0, 1), got 1.0",
        () -> Configs.with(C, "dropout2d", List.of(0.0, 1.0)));
    fails("dropout2d: must hold 1..1 values, got 2 [0.0, 0.5]",
        () -> Configs.with(C, "channels", List.of(32)));
    fails("dense: must be in [1, 65536], got 0", () -> Configs.with(C, "dense", List.of(0)));
    fails("dropout: must be in [0, 1), got -0.1", () -> Configs.with(C, "dropout", -0.1));
    fails("inputStd: must be a finite number > 0, got 0.0", () -> Configs.with(C, "inputStd", 0.0));
  }

  @Test
  void trainingKeys() {
    fails("optimizer: must be one of sgd, adam, got 'rmsprop'",
        () -> Configs.with(C, "optimizer", "rmsprop"));
    fails("schedule: must be one of nielsen, constant, cosine, got 'step'",
        () -> Configs.with(C, "schedule", "step"));
    fails("lr: must be a finite number > 0, got 0.0", () -> Configs.with(C, "lr", 0.0));
    fails("momentum: must be in [0, 1), got 1.0", () -> Configs.with(C, "momentum", 1.0));
    fails("momentum: only optimizer sgd uses it, got 0.9 with adam",
        () -> Configs.with(Configs.with(C, "optimizer", "adam"), "momentum", 0.9));
    fails("nesterov: needs optimizer sgd with momentum > 0, got sgd with momentum 0.0",
        () -> Configs.with(C, "nesterov", true));
    fails("keepBest: needs validation evaluations (evalEvery >= 1), got evalEvery 0",
        () -> Configs.with(C, "keepBest", true));
    fails("warmupEpochs: must be in [0, 199] (below epochs), got 200",
        () -> Configs.with(C, "warmupEpochs", 200));
    fails("epochs: must be in [1, 100000], got 0", () -> Configs.with(C, "epochs", 0));
    fails("batchSize: must be in [0, 65536] (0 = min(200, n)), got -1",
        () -> Configs.with(C, "batchSize", -1));
    fails("evalEvery: must be in [0, 100000] (0 = never), got -5",
        () -> Configs.with(C, "evalEvery", -5));
    fails("threads: must be in [0, 256] (0 = the run's threads), got 300",
        () -> Configs.with(C, "threads", 300));
    fails("beta2: must be in [0, 0.999999], got 1.0", () -> Configs.with(C, "beta2", 1.0));
    fails("weightDecay: must be in [0, 1], got NaN",
        () -> Configs.with(C, "weightDecay", Double.NaN));
  }

  @Test
  void mlpKeys() {
    fails("hidden: must be in [1, 65536], got 0", () -> Configs.with(M, "hidden", List.of(0)));
    fails("alpha: must be in [0, 1000000], got -1.0", () -> Configs.with(M, "alpha", -1.0));
    fails("patience: must be in [1, 100000], got 0", () -> Configs.with(M, "patience", 0));
    fails("tol: must be in [0, 1000000], got -1.0", () -> Configs.with(M, "tol", -1.0));
    fails("optimizer: must be one of sgd, adam, got 'lbfgs'",
        () -> Configs.with(M, "optimizer", "lbfgs"));
  }

  @Test
  void resnetDefaultsAreResnet18AtThirtyTwoPixels() {
    assertEquals(32, R.size());
    assertEquals("bilinear", R.resize());
    assertEquals(List.of(0.485, 0.456, 0.406), R.mean());
    assertEquals(List.of(0.229, 0.224, 0.225), R.std());
    assertEquals(64, R.width());
    assertEquals(List.of(2, 2, 2, 2), R.blocks());
    assertEquals("sgd", R.optimizer());
    assertEquals(0.9, R.momentum());
    assertEquals(128, R.batchSize());
    assertEquals(1, R.threads());
    assertEquals(new NetworkInput(32, 3, "nchw", "bilinear", R.mean(), R.std()),
        R.networkInput());
  }

  @Test
  void resnetKeys() {
    fails("size: must be in [8, 512], got 4", () -> Configs.with(R, "size", 4));
    fails("resize: must be one of bilinear, nearest, pad, got 'bicubic'",
        () -> Configs.with(R, "resize", "bicubic"));
    fails("mean: must hold 1 value or 3 (one per channel), got 2 [0.5, 0.5]",
        () -> Configs.with(R, "mean", List.of(0.5, 0.5)));
    fails("mean: must be a list, got null", () -> Configs.with(R, "mean", null));
    fails("mean: must be in [-10, 10], got 11.0", () -> Configs.with(R, "mean", List.of(11.0)));
    fails("std: must hold 1..3 values, got 4 [1.0, 1.0, 1.0, 1.0]",
        () -> Configs.with(R, "std", List.of(1.0, 1.0, 1.0, 1.0)));
    fails("std: must be a finite number > 0, got 0.0",
        () -> Configs.with(R, "std", List.of(0.2, 0.0, 0.2)));
    fails("width: must be in [1, 1024], got 0", () -> Configs.with(R, "width", 0));
    fails("blocks: must hold 1..8 values, got 0 []", () -> Configs.with(R, "blocks", List.of()));
    fails("blocks: must be in [1, 64], got 0", () -> Configs.with(R, "blocks", List.of(2, 0)));
    fails("width: 1024 with 5 stages gives the last stage width*2^4 = 16384 channels, at most "
        + "8192 allowed", () -> Configs.with(R, Map.of("width", 1024,
            "blocks", List.of(1, 1, 1, 1, 1))));
    fails("nesterov: needs optimizer sgd with momentum > 0, got adam with momentum 0.0",
        () -> Configs.with(Configs.with(Configs.with(R, "momentum", 0.0), "optimizer", "adam"),
            "nesterov", true));
    fails("warmupEpochs: must be in [0, 29] (below epochs), got 30",
        () -> Configs.with(R, "warmupEpochs", 30));
  }

  @Test
  void everyKeyIsDocumented() {
    for (Class<? extends Record> type : List.of(ConvnetConfig.class, MlpConfig.class,
        ResnetConfig.class)) {
      Arrays.stream(type.getRecordComponents()).forEach(rc -> assertTrue(
          rc.isAnnotationPresent(Doc.class), type.getSimpleName() + "." + rc.getName()));
    }
  }
}
