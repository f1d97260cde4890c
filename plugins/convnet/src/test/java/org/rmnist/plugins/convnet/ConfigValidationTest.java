package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertEquals("sgd", C.training().optimizer());
    assertEquals(0.1, C.training().lr());
    assertEquals(0.0, C.training().momentum());
    assertEquals("nielsen", C.training().schedule());
    assertEquals(10, C.training().batchSize());
    assertEquals(200, C.training().epochs());
    assertTrue(C.training().fixedBatches());
    assertFalse(C.training().stopEarly());
    assertEquals(1, C.training().threads());
    assertEquals(List.of(500, 100), M.hidden());
    assertEquals(1.0, M.alpha());
    assertEquals(0.001, M.training().lr());
    assertEquals("constant", M.training().schedule());
    assertEquals(0, M.training().batchSize());
    assertEquals(200, M.training().epochs());
    assertTrue(M.training().stopEarly());
    assertEquals(10, M.training().stopPatience());
  }

  @Test
  void architectureKeys() {
    fails("channels: must be a list, got null", () -> Configs.with(C, "channels", null));
    fails(
        "channels: must hold 1..16 values, got 0 []", () -> Configs.with(C, "channels", List.of()));
    fails("channels: must be in [1, 4096], got 0", () -> Configs.with(C, "channels", List.of(0)));
    fails(
        "kernels: must hold 1..2 values, got 3 [5, 5, 5]",
        () -> Configs.with(C, "kernels", List.of(5, 5, 5)));
    fails("kernels: must be in [1, 31], got 33", () -> Configs.with(C, "kernels", List.of(33)));
    fails("padding: must be in [0, 15], got -1", () -> Configs.with(C, "padding", List.of(-1)));
    fails(
        "pool: must be in [1, 8] (1 = no pooling), got 0",
        () -> Configs.with(C, "pool", List.of(0)));
    fails(
        "dropout2d: must be in [0, 1), got 1.0",
        () -> Configs.with(C, "dropout2d", List.of(0.0, 1.0)));
    fails(
        "dropout2d: must hold 1..1 values, got 2 [0.0, 0.5]",
        () -> Configs.with(C, "channels", List.of(32)));
    fails("dense: must be in [1, 65536], got 0", () -> Configs.with(C, "dense", List.of(0)));
    fails("dropout: must be in [0, 1), got -0.1", () -> Configs.with(C, "dropout", -0.1));
    fails("inputStd: must be a finite number > 0, got 0.0", () -> Configs.with(C, "inputStd", 0.0));
  }

  @Test
  void trainingKeys() {
    fails(
        "optimizer: must be one of sgd, adam, got 'rmsprop'",
        () -> Configs.with(C, "training.optimizer", "rmsprop"));
    fails(
        "schedule: must be one of nielsen, constant, cosine, got 'step'",
        () -> Configs.with(C, "training.schedule", "step"));
    fails("lr: must be a finite number > 0, got 0.0", () -> Configs.with(C, "training.lr", 0.0));
    fails("momentum: must be in [0, 1), got 1.0", () -> Configs.with(C, "training.momentum", 1.0));
    fails(
        "momentum: only optimizer sgd uses it, got 0.9 with adam",
        () -> Configs.with(C, Map.of("training.optimizer", "adam", "training.momentum", 0.9)));
    fails(
        "nesterov: needs optimizer sgd with momentum > 0, got sgd with momentum 0.0",
        () -> Configs.with(C, "training.nesterov", true));
    fails(
        "keepBest: needs validation evaluations (evalEvery >= 1), got evalEvery 0",
        () -> Configs.with(C, "training.keepBest", true));
    fails(
        "warmupEpochs: must be in [0, 199] (below epochs), got 200",
        () -> Configs.with(C, "training.warmupEpochs", 200));
    fails("epochs: must be in [1, 100000], got 0", () -> Configs.with(C, "training.epochs", 0));
    fails(
        "batchSize: must be in [0, 65536] (0 = min(200, n)), got -1",
        () -> Configs.with(C, "training.batchSize", -1));
    fails(
        "evalEvery: must be in [0, 100000] (0 = never), got -5",
        () -> Configs.with(C, "training.evalEvery", -5));
    fails(
        "threads: must be in [0, 256] (0 = the run's threads), got 300",
        () -> Configs.with(C, "training.threads", 300));
    fails("beta2: must be in [0, 0.999999], got 1.0", () -> Configs.with(C, "training.beta2", 1.0));
    fails(
        "weightDecay: must be in [0, 1], got NaN",
        () -> Configs.with(C, "training.weightDecay", Double.NaN));
  }

  @Test
  void mlpKeys() {
    fails("hidden: must be in [1, 65536], got 0", () -> Configs.with(M, "hidden", List.of(0)));
    fails("alpha: must be in [0, 1000000], got -1.0", () -> Configs.with(M, "alpha", -1.0));
    fails("patience: must be in [1, 100000], got 0", () -> Configs.with(M, "training.patience", 0));
    fails("tol: must be in [0, 1000000], got -1.0", () -> Configs.with(M, "training.tol", -1.0));
    fails(
        "optimizer: must be one of sgd, adam, got 'lbfgs'",
        () -> Configs.with(M, "training.optimizer", "lbfgs"));
  }

  @Test
  void resnetDefaultsAreResnet18AtThirtyTwoPixels() {
    assertEquals(
        new NetworkInput(
            32, 3, "nchw", "bilinear", List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225)),
        R.preprocess());
    assertEquals(64, R.width());
    assertEquals(List.of(2, 2, 2, 2), R.blocks());
    assertEquals("sgd", R.training().optimizer());
    assertEquals(0.9, R.training().momentum());
    assertEquals(128, R.training().batchSize());
    assertEquals(1, R.training().threads());
    assertEquals(R.preprocess(), R.networkInput());
  }

  @Test
  void resnetKeys() {
    fails(
        "preprocess.size: must be in [8, 512], got 4", () -> Configs.with(R, "preprocess.size", 4));
    fails(
        "preprocess.channels: must be 3 (ResNet's stem takes 3 channels, the grey value "
            + "copied to each), got 1",
        () ->
            Configs.with(
                R,
                Map.of(
                    "preprocess.channels",
                    1,
                    "preprocess.mean",
                    List.of(0.5),
                    "preprocess.std",
                    List.of(0.5))));
    fails(
        "preprocess.layout: must be nchw (the network is laid out channels first), got nhwc",
        () -> Configs.with(R, "preprocess.layout", "nhwc"));
    fails(
        "preprocess.mean: must be in [-10, 10], got 11.0",
        () -> Configs.with(R, "preprocess.mean", List.of(11.0)));
    fails(
        "preprocess: missing; give the input's size, mean, std",
        () -> Configs.with(R, "preprocess", null));
    fails("training: missing; give the training options", () -> Configs.with(R, "training", null));
    fails("width: must be in [1, 1024], got 0", () -> Configs.with(R, "width", 0));
    fails("blocks: must hold 1..8 values, got 0 []", () -> Configs.with(R, "blocks", List.of()));
    fails("blocks: must be in [1, 64], got 0", () -> Configs.with(R, "blocks", List.of(2, 0)));
    fails(
        "width: 1024 with 5 stages gives the last stage width*2^4 = 16384 channels, at most "
            + "8192 allowed",
        () -> Configs.with(R, Map.of("width", 1024, "blocks", List.of(1, 1, 1, 1, 1))));
    fails(
        "nesterov: needs optimizer sgd with momentum > 0, got adam with momentum 0.0",
        () ->
            Configs.with(
                R,
                Map.of(
                    "training.momentum",
                    0.0,
                    "training.optimizer",
                    "adam",
                    "training.nesterov",
                    true)));
    fails(
        "warmupEpochs: must be in [0, 29] (below epochs), got 30",
        () -> Configs.with(R, "training.warmupEpochs", 30));
  }

  @Test
  void everyKeyIsDocumented() {
    for (Class<? extends Record> type :
        List.of(
            ConvnetConfig.class,
            MlpConfig.class,
            ResnetConfig.class,
            Training.class,
            NetworkInput.class)) {
      Arrays.stream(type.getRecordComponents())
          .forEach(
              rc ->
                  assertTrue(
                      rc.isAnnotationPresent(Doc.class),
                      type.getSimpleName() + "." + rc.getName()));
    }
  }
}
