package org.rmnist.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.ConfigException;

/** Runs that extend other runs, in the same file or another, deep-merged, overrides last. */
class ExtendsTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      datasets:
        d: {id: synthetic, n: [1, 5]}
      runs:
        base:
          id: centroid
          params: {sleepMillis: 1, group: {a: 1, b: 2}}
          paramsByN: {1: {epochs: 3}}
          trainSeeds: [0, 1]
          reference: {1: 50}
          label: the base
      """;

  private Path write(String name, String yaml) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, yaml);
    return f;
  }

  private ExperimentLoader.Loaded load(Path f, String... overrides) {
    return ExperimentLoader.load(f, List.of(overrides));
  }

  private String error(Path f) {
    return assertThrows(ConfigException.class, () -> load(f)).getMessage();
  }

  @Test
  void aRunExtendsAnotherOfTheSameFileDeepMerged() throws IOException {
    Path f =
        write(
            "exp.yaml",
            BASE
                + """
          child:
            extends: base
            params: {group: {b: 3}}
            trainSeeds: [7]
            reference: ~
          grandchild: {extends: child, label: third}
        """);
    ExperimentLoader.Loaded l = load(f, "runs.child.params.sleepMillis=5");
    RunSpec child = l.spec().runs().get("child");
    assertEquals("centroid", child.model());
    assertEquals(
        Map.of("sleepMillis", 5, "group", Map.of("a", 1, "b", 3)),
        child.params(),
        "maps merge key by key; the override comes last");
    assertEquals(List.of(7L), child.trainSeeds(), "a list replaces");
    assertEquals(Map.of(), child.reference(), "~ resets to the default");
    assertEquals("the base", child.label());
    assertEquals(Map.of(1, Map.of("epochs", 3)), child.paramsByN());
    RunSpec grand = l.spec().runs().get("grandchild");
    assertEquals("third", grand.label());
    assertEquals(Map.of("sleepMillis", 1, "group", Map.of("a", 1, "b", 3)), grand.params());
    assertFalse(
        l.resolved().get("runs").get("child").has("extends"),
        "the resolved tree is the merged one");
    assertEquals(
        3, l.resolved().get("runs").get("grandchild").get("params").get("group").get("b").asInt());
  }

  @Test
  void aRunExtendsARunOfAnotherFileRelativeToTheExtendingOne() throws IOException {
    write("lib/recipes.yaml", BASE + "  twin: {extends: base, params: {sleepMillis: 9}}\n");
    Path f =
        write(
            "exp.yaml",
            """
        datasets:
          d: {id: synthetic, n: [1]}
        runs:
          mine: {extends: lib/recipes.yaml#twin, label: mine}
        """);
    RunSpec mine = load(f).spec().runs().get("mine");
    assertEquals(Map.of("sleepMillis", 9, "group", Map.of("a", 1, "b", 2)), mine.params());
    assertEquals("mine", mine.label());
    assertEquals(List.of(0L, 1L), mine.trainSeeds());
  }

  @Test
  void cyclesAndUnknownTargetsNameTheFileAndKey() throws IOException {
    Path f =
        write(
            "exp.yaml",
            BASE
                + """
          x: {extends: y}
          y: {extends: x}
        """);
    assertEquals(
        f
            + ": runs.x.extends: cycle: exp.yaml#x -> exp.yaml#y -> exp.yaml#x; a run "
            + "cannot extend itself, directly or through others",
        error(f));
    f = write("exp.yaml", BASE + "  x: {extends: nope}\n");
    assertEquals(f + ": runs.x.extends: no run 'nope' in " + f + "; runs there: base, x", error(f));
    f = write("exp.yaml", BASE + "  x: {extends: other.yaml#base}\n");
    assertEquals(
        f + ": runs.x.extends: " + dir.resolve("other.yaml") + ": no such experiment " + "file",
        error(f));
    f = write("exp.yaml", BASE + "  x: {extends: '#base'}\n");
    assertEquals(
        f + ": runs.x.extends: '#base': expected file#run, e.g. best.yaml#cnn-a", error(f));
    f = write("exp.yaml", BASE + "  x: {extends: [base]}\n");
    assertTrue(error(f).startsWith(f + ": runs.x.extends: expected the name of a run"));
  }

  @Test
  void extendsIsNotAnOverride() throws IOException {
    Path f = write("exp.yaml", BASE + "  x: {extends: base}\n");
    assertEquals(
        f
            + ": override 'runs.x.extends=other': extends cannot be overridden (overrides "
            + "apply to the resolved runs); override the keys themselves",
        assertThrows(ConfigException.class, () -> load(f, "runs.x.extends=other")).getMessage());
  }

  @Test
  void paramsByNDeepMerges() throws IOException {
    Path f =
        write(
            "exp.yaml",
            BASE.replace("paramsByN: {1: {epochs: 3}}", "paramsByN: {1: {group: {b: 5}}}"));
    RunSpec base = load(f).spec().runs().get("base");
    assertEquals(Map.of("sleepMillis", 1, "group", Map.of("a", 1, "b", 5)), base.paramsFor(1));
    assertEquals(base.params(), base.paramsFor(5));
  }

  @Test
  void tildeResetsAnInheritedParameterToItsDefault() throws IOException {
    Path f =
        write(
            "exp.yaml",
            BASE
                + """
          child:
            extends: base
            params: {sleepMillis: ~, group: {a: ~}}
        """);
    Map<String, Object> params = load(f).spec().runs().get("child").params();
    java.util.Map<String, Object> group = new java.util.HashMap<>();
    group.put("a", null);
    group.put("b", 2);
    java.util.Map<String, Object> expected = new java.util.HashMap<>();
    expected.put("sleepMillis", null);
    expected.put("group", group);
    assertEquals(expected, params, "kept as no value: binding then takes the default");
  }
}
