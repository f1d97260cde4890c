package org.rmnist.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChecksTest {

  private static void fails(String message, Executable check) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, check).getMessage());
  }

  @Test
  void intRangesNameTheKeyTheRangeAndTheValue() {
    assertEquals(5, Checks.range("k", 5, 1, 10));
    assertEquals(1, Checks.range("k", 1, 1, 10));
    assertEquals(10, Checks.range("k", 10, 1, 10, " (x)"));
    fails("k: must be in [1, 10], got 0", () -> Checks.range("k", 0, 1, 10));
    fails("k: must be in [1, 10], got 11", () -> Checks.range("k", 11, 1, 10));
    fails(
        "maxDepth: must be in [0, 1000] (0 = unlimited), got -1",
        () -> Checks.range("maxDepth", -1, 0, 1000, " (0 = unlimited)"));
  }

  @Test
  void doubleRangesPrintWholeBoundsAsWrittenAndRefuseNaN() {
    assertEquals(0.5, Checks.range("scale", 0.5, 0, 0.9));
    fails("scale: must be in [0, 0.9], got 1.5", () -> Checks.range("scale", 1.5, 0, 0.9));
    fails("degrees: must be in [0, 180], got -1.0", () -> Checks.range("degrees", -1, 0, 180.0));
    fails("mean: must be in [-10, 10], got 11.0", () -> Checks.range("mean", 11.0, -10, 10));
    fails("tol: must be in [0, 1000000], got -1.0", () -> Checks.range("tol", -1.0, 0, 1e6));
    fails("x: must be in [0, 1.0E20], got -1.0", () -> Checks.range("x", -1.0, 0, 1e20));
    fails("shear: must be in [0, 60], got NaN", () -> Checks.range("shear", Double.NaN, 0, 60));
    fails(
        "d: must be in [0, 180], got Infinity",
        () -> Checks.range("d", Double.POSITIVE_INFINITY, 0, 180));
  }

  @Test
  void positiveFractionAndProbability() {
    assertEquals(0.1, Checks.positive("c", 0.1));
    fails("c: must be a finite number > 0, got 0.0", () -> Checks.positive("c", 0));
    fails("c: must be a finite number > 0, got NaN", () -> Checks.positive("c", Double.NaN));
    fails(
        "c: must be a finite number > 0, got Infinity",
        () -> Checks.positive("c", Double.POSITIVE_INFINITY));
    assertEquals(1.0, Checks.fraction("f", 1));
    fails("f: must be in (0, 1], got 0.0", () -> Checks.fraction("f", 0));
    fails("f: must be in (0, 1], got 1.5", () -> Checks.fraction("f", 1.5));
    assertEquals(0.0, Checks.probability("p", 0));
    fails("p: must be in [0, 1), got 1.0", () -> Checks.probability("p", 1));
    fails("p: must be in [0, 1), got -0.1", () -> Checks.probability("p", -0.1));
  }

  @Test
  void oneOfListsWhatIsAllowed() {
    List<String> allowed = List.of("sgd", "adam");
    assertEquals("adam", Checks.oneOf("optimizer", "adam", allowed));
    fails(
        "optimizer: must be one of sgd, adam, got 'adom'",
        () -> Checks.oneOf("optimizer", "adom", allowed));
    fails(
        "optimizer: must be one of sgd, adam, got 'null'",
        () -> Checks.oneOf("optimizer", null, allowed));
  }

  @Test
  void listsAreSizedCopiedAndNullFree() {
    List<Integer> source = new ArrayList<>(List.of(1, 2));
    List<Integer> copy = Checks.list("dense", source, 0, 8);
    source.add(3);
    assertEquals(List.of(1, 2), copy);
    assertThrows(UnsupportedOperationException.class, () -> copy.add(4));
    fails("dense: must be a list, got null", () -> Checks.list("dense", null, 0, 8));
    fails(
        "dense: must hold 1..2 values, got 3 [1, 2, 3]",
        () -> Checks.list("dense", List.of(1, 2, 3), 1, 2));
    fails(
        "dense: holds a null value [1, null]",
        () -> Checks.list("dense", Arrays.asList(1, null), 1, 2));
  }

  @Test
  void perBlockListsHoldOneValueOrOnePerBlock() {
    assertEquals(List.of(5), Checks.perBlock("kernels", List.of(5), 3));
    assertEquals(List.of(5, 3, 3), Checks.perBlock("kernels", List.of(5, 3, 3), 3));
    fails(
        "kernels: must hold 1 value or one per conv block (3), got 2 [5, 3]",
        () -> Checks.perBlock("kernels", List.of(5, 3), 3));
    fails(
        "kernels: must hold 1..3 values, got 4 [1, 1, 1, 1]",
        () -> Checks.perBlock("kernels", List.of(1, 1, 1, 1), 3));
    assertEquals(5, Checks.at(List.of(5), 2));
    assertEquals(3, Checks.at(List.of(5, 4, 3), 2));
  }

  @Test
  void finiteAndPerChannelValues() {
    assertEquals(List.of(0.5), Checks.finite("mean", List.of(0.5)));
    fails(
        "mean: must hold 1 value or one per channel, got null", () -> Checks.finite("mean", null));
    fails(
        "mean: every value must be a finite number, got [NaN]",
        () -> Checks.finite("mean", List.of(Double.NaN)));
    assertEquals(List.of(0.5), Checks.perChannel("std", List.of(0.5), 3, true));
    fails(
        "std: must hold 1 value or one per channel (3), got []",
        () -> Checks.perChannel("std", List.of(), 3, true));
    fails(
        "std: must hold 1 value or one per channel (3), got 2 [1.0, 2.0]",
        () -> Checks.perChannel("std", List.of(1.0, 2.0), 3, true));
    fails(
        "std: every value must be a finite number > 0, got [0.0]",
        () -> Checks.perChannel("std", List.of(0.0), 3, true));
    fails(
        "mean: every value must be a finite number, got [Infinity]",
        () -> Checks.perChannel("mean", List.of(Double.POSITIVE_INFINITY), 3, false));
    assertEquals(List.of(-1.0), Checks.perChannel("mean", List.of(-1.0), 3, false));
  }

  @Test
  void classesNeedANonEmptyTrainingSetWithLabelsInRange() {
    assertEquals(10, Checks.classes(new int[] {0, 9}, 10));
    fails("the training set is empty", () -> Checks.classes(new int[0], 10));
    fails("training label 10 is outside 0..9", () -> Checks.classes(new int[] {1, 10}, 10));
    fails("training label -1 is outside 0..9", () -> Checks.classes(new int[] {-1}, 10));
  }

  @Test
  void candidatesListTwentyThenCountTheRest() {
    assertEquals("(none)", Checks.candidates(List.of()));
    assertEquals("'a', 'b'", Checks.candidates(List.of("a", "b")));
    List<String> many = IntStream.range(0, 23).mapToObj(i -> "n" + i).toList();
    String listed = Checks.candidates(many);
    assertEquals(true, listed.startsWith("'n0', 'n1', "), listed);
    assertEquals(true, listed.endsWith("'n19' ... 3 more"), listed);
  }
}
