package org.rmnist.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duplicate keys and values, floats for integers, anchors, empty values and renamed keys. */
class StrictYamlTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      datasets:
        small: {id: synthetic, n: [1, 5]}
      runs:
        a: {id: centroid, trainSeeds: [0, 1]}
      """;

  private final ExperimentLoaderTest loader = new ExperimentLoaderTest();

  private String error(String yaml, String... overrides) throws IOException {
    loader.dir = dir;
    return loader.error(yaml, overrides);
  }

  private ExperimentSpec load(String yaml) throws IOException {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, yaml);
    return ExperimentLoader.load(f, List.of()).spec();
  }

  @Test
  void aKeyGivenTwiceIsAnErrorWithItsLines() throws IOException {
    assertEquals(
        "line 5: duplicate key 'a' (first given at line 4); give each key once",
        error(BASE + "  a: {id: centroid}\n"));
    assertEquals(
        "line 2: duplicate key 'id' (first given at line 2); give each key once",
        error(BASE.replace("{id: synthetic,", "{id: synthetic, id: other,")));
  }

  @Test
  void aValueGivenTwiceInASeedOrSizeListIsAnError() throws IOException {
    assertEquals(
        "datasets.small.n: 5 is given twice; each value once (a repeated seed or size "
            + "would only repeat the same result)",
        error(BASE.replace("[1, 5]", "[1, 5, 5]")));
    assertEquals(
        "runs.a.trainSeeds: 0 is given twice; each value once (a repeated seed or size "
            + "would only repeat the same result)",
        error(BASE.replace("[0, 1]", "[0, 0]")));
    assertEquals(
        "datasets.small.drawSeeds: 3 is given twice; each value once (a repeated seed or "
            + "size would only repeat the same result)",
        error(BASE.replace("n: [1, 5]", "n: [1], drawSeeds: [3, 3]")));
    assertEquals(
        "splits: test is given twice; each value once (a repeated seed or size would "
            + "only repeat the same result)",
        error(BASE + "splits: [test, test]\n"));
  }

  @Test
  void aFloatWhereAnIntegerIsExpectedIsAnError() throws IOException {
    assertEquals(
        "datasets.small.n.1: expected an integer, got 1.7 (write whole numbers without a "
            + "decimal point)",
        error(BASE.replace("[1, 5]", "[1, 1.7]")));
    assertEquals(
        "datasets.small.n.0: expected an integer, got 2.0 (write whole numbers without a "
            + "decimal point)",
        error(BASE.replace("[1, 5]", "[2.0]")));
    assertEquals(
        "runs.a.augment.copies: expected an integer, got 2.5 (write whole numbers "
            + "without a decimal point)",
        error(BASE, "runs.a.augment={copies: 2.5}"));
  }

  @Test
  void anchorsAliasesAndMergeKeysWork() throws IOException {
    ExperimentSpec s =
        load(
            """
        datasets:
          small: {id: synthetic, n: [1]}
        runs:
          a: &base {id: centroid, params: {sleepMillis: 1, epochs: 2}, trainSeeds: [0, 1]}
          b: *base
          c:
            <<: *base
            params: {epochs: 3}
        """);
    assertEquals(s.runs().get("a"), s.runs().get("b"));
    assertEquals(List.of(0L, 1L), s.runs().get("c").trainSeeds());
    assertEquals(Map.of("epochs", 3), s.runs().get("c").params(), "<< merges shallowly, as YAML");
    assertEquals(
        "line 5: alias *nope names no anchor defined before it (define &nope first)",
        error(BASE + "  b: *nope\n"));
    assertEquals(
        "line 5: '<<' (merge key) expects an alias of a map, e.g. <<: *base, or a list "
            + "of them; got string",
        error(BASE + "  b: {<<: x}\n"));
  }

  @Test
  void emptyValuesAreNamed() throws IOException {
    assertEquals(
        "runs.a: empty; give the run's keys (id, params, trainSeeds, ...) or remove it",
        error(BASE.replace("  a: {id: centroid, trainSeeds: [0, 1]}\n", "  a:\n")));
    assertEquals(
        "datasets.small: empty; give the data set's keys (id, params, n, ...) or remove " + "it",
        error(BASE.replace("{id: synthetic, n: [1, 5]}", "")));
    assertEquals(
        "runs.a.trainSeeds.1: empty list item; give a value or remove the item",
        error(BASE.replace("[0, 1]", "[0, ~]")));
    assertEquals(
        "runs.a.reference.1: empty; give the published accuracy (%) or remove the entry",
        error(BASE, "runs.a.reference={1: ~}"));
  }

  @Test
  void renamedKeysSayWhatTheyAreCalledNow() throws IOException {
    assertEquals(
        "datasets.small.plugin: this key is now called 'id' (every section names its "
            + "extension with id); write id: synthetic",
        error(BASE.replace("{id: synthetic", "{plugin: synthetic")));
    assertEquals(
        "runs.a.model: this key is now called 'id' (every section names its extension "
            + "with id); write id: centroid",
        error(BASE.replace("{id: centroid", "{model: centroid")));
    assertEquals(
        "runs.a.features.model: this key is now called 'manifest' (the models/ manifest "
            + "to read); write manifest: net",
        error(BASE, "runs.a.features={model: net}"));
    assertEquals(
        "runs.a.features.extractor: this key is now called 'id' (every section names its "
            + "extension with id); write id: sums",
        error(BASE, "runs.a.features={extractor: sums}"));
  }

  @Test
  void copiesAreRangeChecked() throws IOException {
    assertEquals(
        "runs.a.augment.copies: 2000000000 is out of range; expected 0..100000",
        error(BASE, "runs.a.augment={copies: 2000000000, steps: [{id: invert}]}"));
  }

  @Test
  void aSecondDocumentIsAnError() throws IOException {
    assertEquals(
        "line 5: a second YAML document (---); an experiment file holds one document",
        error(BASE + "---\nsplits: [bogus]\n"));
    assertEquals(List.of(1, 5), load("---\n" + BASE + "...\n").datasets().get("small").n());
  }

  @Test
  void anIntegerOutOfRangeNamesTheKey() throws IOException {
    assertEquals(
        "datasets.small.n.1: 3000000000 is out of range for an integer "
            + "(-2147483648..2147483647)",
        error(BASE.replace("[1, 5]", "[1, 3000000000]")));
    assertEquals(
        "runs.a.trainSeeds.0: 10000000000000000000 is out of range for an integer "
            + "(-9223372036854775808..9223372036854775807)",
        error(BASE.replace("[0, 1]", "[10000000000000000000]")));
    assertEquals(
        "datasets.small.n.1: expected an integer, got a list",
        error(BASE.replace("[1, 5]", "[1, [5]]")));
  }
}
