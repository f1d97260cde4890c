package org.rmnist.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractorContextTest {
  @Test
  void relativePathsAreTriedUnderEveryRootAbsoluteOnesAsGiven() {
    Path a = Path.of("/models/a");
    Path b = Path.of("/models/b");
    ExtractorContext ctx = new ExtractorContext(List.of(a, b), Progress.NONE, 1);
    assertEquals(
        List.of(Path.of("/models/a/net.onnx"), Path.of("/models/b/net.onnx")),
        ctx.candidates("net.onnx"));
    assertEquals(List.of(Path.of("/tmp/net.onnx")), ctx.candidates("/tmp/x/../net.onnx"));
    assertEquals(
        List.of(Path.of("net.onnx").toAbsolutePath()),
        new ExtractorContext(List.of(), Progress.NONE, 1).candidates("net.onnx"));
  }
}
