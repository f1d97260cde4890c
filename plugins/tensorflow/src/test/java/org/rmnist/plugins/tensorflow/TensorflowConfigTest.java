package org.rmnist.plugins.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.pf4j.Extension;
import org.rmnist.api.Doc;
import org.rmnist.api.NetworkInput;

/** Defaults, the extension's identity, and a message naming the key for every bad value. */
class TensorflowConfigTest {

  private static TensorflowConfig with(
      String signature,
      int size,
      int channels,
      String layout,
      List<Double> mean,
      List<Double> std,
      int batchSize) {
    return new TensorflowConfig(
        "m",
        signature,
        "",
        "",
        new NetworkInput(size, channels, layout, "bilinear", mean, std),
        batchSize);
  }

  private static void fails(String message, Executable create) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
    assertEquals(message, e.getMessage());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    TensorflowConfig d = new TensorflowFeatureExtractor().defaults();
    assertEquals(
        new TensorflowConfig(
            "",
            "serving_default",
            "",
            "",
            new NetworkInput(28, 1, "nhwc", "bilinear", List.of(0.0), List.of(1.0)),
            256),
        d);
    assertArrayEquals(new float[] {0}, d.meanPerChannel());
    assertFalse(d.channelsFirst());
    TensorflowConfig rgb = with("s", 32, 3, "nchw", List.of(0.5), List.of(0.1, 0.2, 0.3), 1);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, rgb.meanPerChannel());
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, rgb.stdPerChannel());
    assertTrue(rgb.channelsFirst());
  }

  @Test
  void nullStringsBecomeEmpty() {
    TensorflowConfig c =
        new TensorflowConfig(
            null,
            "s",
            null,
            null,
            new NetworkInput(28, 1, "nhwc", "bilinear", List.of(0.0), List.of(1.0)),
            1);
    assertEquals(List.of("", "", ""), List.of(c.path(), c.input(), c.output()));
  }

  @Test
  void everyKeyNamesItselfWhenBad() {
    List<Double> zero = List.of(0.0);
    List<Double> one = List.of(1.0);
    fails(
        "signature: must name a signature of the SavedModel (e.g. serving_default), got ''",
        () -> with("", 28, 1, "nhwc", zero, one, 1));
    fails(
        "size: expected a positive side in pixels, got 0",
        () -> with("s", 0, 1, "nhwc", zero, one, 1));
    fails(
        "preprocess.size: must be in [1, 1024], got 2000",
        () -> with("s", 2000, 1, "nhwc", zero, one, 1));
    fails(
        "preprocess.channels: must be 1 or 3, got 2", () -> with("s", 28, 2, "nhwc", zero, one, 1));
    fails(
        "layout: expected one of [nchw, nhwc], got 'NHWC'",
        () -> with("s", 28, 1, "NHWC", zero, one, 1));
    fails(
        "mean: expected 1 or 1 values (one per channel), got 3: [0.1, 0.2, 0.3]",
        () -> with("s", 28, 1, "nhwc", List.of(0.1, 0.2, 0.3), one, 1));
    fails(
        "preprocess.mean: every value must be a finite number, got [NaN]",
        () -> with("s", 28, 1, "nhwc", List.of(Double.NaN), one, 1));
    fails(
        "std: expected positive values, got [1.0, 0.0, 1.0]",
        () -> with("s", 28, 3, "nhwc", zero, List.of(1.0, 0.0, 1.0), 1));
    fails(
        "preprocess: missing; give the model input's size, channels, layout, resize, mean and "
            + "std",
        () -> new TensorflowConfig("m", "s", "", "", null, 1));
    fails("batchSize: must be in [1, 65536], got 0", () -> with("s", 28, 1, "nhwc", zero, one, 0));
  }

  @Test
  void theExtensionIsIndexedAndEveryParameterDocumented() throws Exception {
    TensorflowFeatureExtractor x = new TensorflowFeatureExtractor();
    assertEquals("tensorflow", x.id());
    assertEquals(TensorflowConfig.class, x.configType());
    assertFalse(x.summary().isBlank());
    assertTrue(x.getClass().isAnnotationPresent(Extension.class));
    for (RecordComponent rc : TensorflowConfig.class.getRecordComponents()) {
      assertTrue(rc.isAnnotationPresent(Doc.class), rc.getName());
    }
    List<String> indexed = new ArrayList<>();
    var indexes = getClass().getClassLoader().getResources("META-INF/extensions.idx");
    while (indexes.hasMoreElements()) {
      try (InputStream in = indexes.nextElement().openStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Arrays.stream(text.split("\n"))
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(indexed::add);
      }
    }
    assertEquals(List.of(TensorflowFeatureExtractor.class.getName()), indexed);
  }
}
