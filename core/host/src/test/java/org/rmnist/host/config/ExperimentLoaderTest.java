package org.rmnist.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.ConfigException;

class ExperimentLoaderTest {
  @TempDir Path dir;

  private static final String GOOD =
      """
      name: demo
      datasets:
        small: {id: synthetic, n: [1, 5]}
        full: {id: synthetic, n: 0, enabled: false}
      runs:
        a: {id: centroid, params: {sleepMillis: 1}, trainSeeds: [0, 1]}
        b:
          id: centroid
          augment: {copies: 2, steps: [{id: invert, p: 0.5}]}
          reference: {1: 41.85}
      """;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  /** The message of loading {@code yaml} with {@code overrides}, without the file's name. */
  String error(String yaml, String... overrides) throws IOException {
    Path f = write(yaml);
    String msg =
        assertThrows(ConfigException.class, () -> ExperimentLoader.load(f, List.of(overrides)))
            .getMessage();
    assertTrue(msg.startsWith(f + ": "), msg);
    return msg.substring(f.toString().length() + 2);
  }

  @Test
  void readsTheMatrixWithDefaults() throws IOException {
    ExperimentSpec s = ExperimentLoader.load(write(GOOD), List.of()).spec();
    assertEquals("demo", s.name());
    assertEquals(List.of(1, 5), s.datasets().get("small").n());
    assertEquals(List.of(0), s.datasets().get("full").n(), "a single value is a list of one");
    assertFalse(s.datasets().get("full").enabled());
    assertEquals(List.of(0L), s.runs().get("b").trainSeeds());
    assertEquals(2, s.runs().get("b").augment().copies());
    assertEquals(0.5, s.runs().get("b").augment().steps().get(0).p());
    assertEquals(41.85, s.runs().get("b").reference().get(1));
    assertEquals(List.of("validation", "test"), s.splits());
  }

  @Test
  void overridesSetNestedKeysListsAndFlags() throws IOException {
    ExperimentSpec s =
        ExperimentLoader.load(
                write(GOOD),
                List.of(
                    "datasets.full.enabled=true",
                    "runs.a.params.sleepMillis=7",
                    "runs.a.trainSeeds=[3,4,5]",
                    "datasets.small.n.1=10",
                    "name=other"))
            .spec();
    assertTrue(s.datasets().get("full").enabled());
    assertEquals(7, s.runs().get("a").params().get("sleepMillis"));
    assertEquals(List.of(3L, 4L, 5L), s.runs().get("a").trainSeeds());
    assertEquals(List.of(1, 10), s.datasets().get("small").n());
    assertEquals("other", s.name());
  }

  @Test
  void unknownKeyNamesThePathAndTheAllowedKeys() throws IOException {
    String msg = error(GOOD.replace("trainSeeds: [0, 1]", "trainseeds: [0, 1]"));
    assertEquals(
        "runs.a.trainseeds: unknown key 'trainseeds'; allowed: augment, enabled, "
            + "ensemble, features, id, label, onTheFly, params, paramsByN, pseudoLabels, reference, "
            + "save, trainSeeds, unlabelled",
        msg);
  }

  @Test
  void wrongTypeNamesThePathAndValue() throws IOException {
    String msg = error(GOOD.replace("n: [1, 5]", "n: [1, five]"));
    assertTrue(msg.contains("datasets.small.n.1: expected Integer, got 'five'"), msg);
  }

  @Test
  void badOverridesAreExplained() throws IOException {
    assertEquals("override 'runs.a.id': expected key.path=value", error(GOOD, "runs.a.id"));
    assertEquals(
        "override 'runs.a.id.x=1': runs.a.id.x does not exist (its parent is string, "
            + "not a map)",
        error(GOOD, "runs.a.id.x=1"));
    assertEquals(
        "override 'runs.a=': no value after '='; give one (runs.a=null sets it to its "
            + "default)",
        error(GOOD, "runs.a="));
    assertEquals(
        "runs.a: empty; give the run's keys (id, params, trainSeeds, ...) or remove it",
        error(GOOD, "runs.a=null"));
    assertEquals(
        "override 'runs..x=1': empty key in 'runs..x'; keys are separated by single "
            + "dots, e.g. runs.svm.params.c=10",
        error(GOOD, "runs..x=1"));
    assertEquals("override '=3': no key before '='; expected key.path=value", error(GOOD, "=3"));
    assertEquals(
        "override 'runs.a.trainSeeds.5=1': runs.a.trainSeeds.5: index 5 is out of range; "
            + "the list has 2 items (0..1)",
        error(GOOD, "runs.a.trainSeeds.5=1"));
    assertEquals(
        "override 'runs.a.trainSeeds.x=1': runs.a.trainSeeds.x: 'x' is not a list "
            + "index; the list has 2 items, indexed from 0",
        error(GOOD, "runs.a.trainSeeds.x=1"));
  }

  @Test
  void overrideValuesAreReadStrictly() throws IOException {
    assertEquals(
        "override 'runs.a.params={k: 1, k: 2}': line 1: duplicate key 'k' (first given at "
            + "line 1); give each key once",
        error(GOOD, "runs.a.params={k: 1, k: 2}"));
    assertEquals(
        "override 'runs.a.params=*p': line 1: alias *p names no anchor defined before it "
            + "(define &p first)",
        error(GOOD, "runs.a.params=*p"));
    assertTrue(
        error(GOOD, "runs.a.params={k: [1}")
            .startsWith("override 'runs.a.params={k: [1}': not valid YAML at line 1: "));
  }

  @Test
  void anOverrideOfAnUnknownRunOrDataSetIsRefused() throws IOException {
    assertEquals(
        "override 'runs.aa.params.k=2': no run 'aa'; runs: a, b (to add a run, give it "
            + "whole: runs.aa={id: ...})",
        error(GOOD, "runs.aa.params.k=2"));
    assertEquals(
        "override 'datasets.smal.n=[1]': no data set 'smal'; data sets: small, full (to add "
            + "one, give it whole: datasets.smal={id: ...})",
        error(GOOD, "datasets.smal.n=[1]"));
    ExperimentSpec s =
        ExperimentLoader.load(write(GOOD), List.of("runs.c={id: centroid}", "runs.c.label=new"))
            .spec();
    assertEquals("new", s.runs().get("c").label());
  }

  @Test
  void missingPiecesAndBadValuesAreNamed() throws IOException {
    assertEquals(
        "runs.a.id: missing; name a model extension (see `rmnist plugins`)",
        error(GOOD.replace("id: centroid, params", "params")));
    assertTrue(
        error(GOOD.replace("n: [1, 5]", "n: [-1]"))
            .endsWith("datasets.small.n: -1 is negative; use N >= 1, or 0 for the whole pool"));
    assertTrue(
        error(GOOD.replace("p: 0.5", "p: 2"))
            .endsWith("runs.b.augment.steps.0.p: 2.0 is not a probability in [0, 1]"));
    assertTrue(
        error(GOOD + "splits: [validation, train]\n")
            .endsWith("splits: unknown split 'train'; allowed: validation, test"));
    assertTrue(
        error(GOOD.replace("name: demo", "name: Demo Run"))
            .contains("name: 'Demo Run' is not a valid experiment name"));
  }

  @Test
  void invalidYamlGivesTheLine() throws IOException {
    String msg = error("name: x\nruns: [a\n");
    assertTrue(msg.startsWith("not valid YAML at line"), msg);
  }

  @Test
  void missingFileIsNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ExperimentLoader.load(dir.resolve("nope.yaml"), List.of()));
    assertEquals(dir.resolve("nope.yaml") + ": no such experiment file", e.getMessage());
  }
}
