package org.rmnist.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deep merges and dotted paths into parameter groups. */
class ParamsTest {
  private static final Map<String, Object> P =
      Map.of("width", 4, "training", Map.of("lr", 0.1, "epochs", 10));

  @Test
  void mergeIsDeepForMapsAndReplacesTheRest() {
    assertEquals(
        Map.of("width", List.of(1), "training", Map.of("lr", 0.5, "epochs", 10)),
        Params.merge(P, Map.of("width", List.of(1), "training", Map.of("lr", 0.5))));
    assertEquals(Map.of("width", 4, "training", 3), Params.merge(P, Map.of("training", 3)));
  }

  @Test
  void dottedPathsReadAndWriteIntoGroups() {
    assertEquals(0.1, Params.get(P, "training.lr"));
    assertTrue(Params.has(P, "training"));
    assertFalse(Params.has(P, "training.lrr"));
    assertFalse(Params.has(P, "width.x"));
    assertNull(Params.get(P, "nope"));
    Map<String, Object> changed = Params.with(P, "training.lr", 0.2);
    assertEquals(Map.of("width", 4, "training", Map.of("lr", 0.2, "epochs", 10)), changed);
    assertEquals(0.1, Params.get(P, "training.lr"), "the original is left as it is");
    assertEquals(Map.of("a", Map.of("b", 1)), Params.with(Map.of(), "a.b", 1));
    Map<String, Object> training = new java.util.LinkedHashMap<>();
    training.put("lr", 0.1);
    training.put("epochs", 10);
    Map<String, Object> ordered = new java.util.LinkedHashMap<>();
    ordered.put("width", 4);
    ordered.put("training", training);
    assertEquals(List.of("width", "training.lr", "training.epochs"), Params.paths(ordered));
  }
}
