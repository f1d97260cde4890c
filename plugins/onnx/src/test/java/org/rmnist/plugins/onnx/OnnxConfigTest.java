package org.rmnist.plugins.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rmnist.api.NetworkInput;
import org.rmnist.support.Checks;

/** Config defaults, validation messages, and the extension's description. */
class OnnxConfigTest {

  static OnnxConfig with(
      int size,
      int channels,
      String layout,
      String resize,
      List<Double> mean,
      List<Double> std,
      int batchSize) {
    return new OnnxConfig(
        "m.onnx", "", "", new NetworkInput(size, channels, layout, resize, mean, std), batchSize);
  }

  static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void defaultsAreImageNetsAt224() {
    OnnxConfig d = new OnnxFeatureExtractor().defaults();
    assertEquals(
        new OnnxConfig(
            "",
            "",
            "",
            new NetworkInput(
                224,
                3,
                "nchw",
                "bilinear",
                List.of(0.485, 0.456, 0.406),
                List.of(0.229, 0.224, 0.225)),
            64),
        d);
    assertEquals(
        new NetworkInput(224, 3, "nchw", "bilinear", d.preprocess().mean(), d.preprocess().std()),
        d.preprocess());
  }

  @Test
  void nullNamesBecomeEmpty() {
    OnnxConfig c =
        new OnnxConfig(
            null,
            null,
            null,
            new NetworkInput(8, 1, "nhwc", "pad", List.of(0.5), List.of(0.25)),
            1);
    assertEquals(List.of("", "", ""), List.of(c.path(), c.input(), c.layer()));
  }

  @Test
  void badValuesNameTheirKey() {
    List<Double> one = List.of(0.5);
    assertEquals(
        "size: expected a positive side in pixels, got 0",
        message(() -> with(0, 3, "nchw", "bilinear", one, one, 8)));
    assertEquals(
        "preprocess.size: must be in [1, 4096], got 5000",
        message(() -> with(5000, 3, "nchw", "bilinear", one, one, 8)));
    assertEquals(
        "channels: expected at least 1, got 0",
        message(() -> with(8, 0, "nchw", "bilinear", one, one, 8)));
    assertEquals(
        "preprocess.channels: must be in [1, 64], got 65",
        message(() -> with(8, 65, "nchw", "bilinear", one, one, 8)));
    assertEquals(
        "batchSize: must be in [1, 65536], got 0",
        message(() -> with(8, 3, "nchw", "bilinear", one, one, 0)));
    assertEquals(
        "layout: expected one of [nchw, nhwc], got 'chw'",
        message(() -> with(8, 3, "chw", "bilinear", one, one, 8)));
    assertEquals(
        "resize: expected one of [bilinear, nearest, pad], got 'bicubic'",
        message(() -> with(8, 3, "nchw", "bicubic", one, one, 8)));
    assertTrue(
        message(() -> with(8, 3, "nchw", "bilinear", List.of(0.1, 0.2), one, 8))
            .startsWith("mean: expected 1 or 3 values"));
    assertTrue(
        message(() -> with(8, 3, "nchw", "bilinear", one, List.of(0.0), 8))
            .startsWith("std: expected positive values"));
    assertEquals(
        "preprocess.mean: every value must be a finite number, got [NaN]",
        message(() -> with(8, 3, "nchw", "bilinear", List.of(Double.NaN), one, 8)));
  }

  @Test
  void candidatesListTwentyThenACount() {
    List<String> names = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> "t" + i).toList());
    String listed = Checks.candidates(names);
    assertTrue(listed.startsWith("'t0', 't1', "), listed);
    assertTrue(listed.endsWith("'t19' ... 5 more"), listed);
    assertFalse(listed.contains("t20"), listed);
    assertEquals("'a', 'b'", Checks.candidates(Arrays.asList("a", "b")));
    assertEquals("(none)", Checks.candidates(List.of()));
  }

  @Test
  void theExtensionDescribesItself() {
    OnnxFeatureExtractor e = new OnnxFeatureExtractor();
    assertEquals("onnx", e.id());
    assertEquals(OnnxConfig.class, e.configType());
    assertEquals(e.configType(), e.defaults().getClass());
    assertFalse(e.summary().isBlank());
    assertTrue(e.getClass().isAnnotationPresent(org.pf4j.Extension.class));
  }
}
