package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every experiment file in experiments/ parses and binds against the bundled plugins. */
class ExperimentFilesTest {
  @TempDir Path tmp;

  static Stream<Path> experiments() throws Exception {
    try (Stream<Path> s = Files.list(Cli.ROOT.resolve("experiments"))) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(files.isEmpty());
      return files.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("experiments")
  void dryRunBindsEveryRun(Path file) throws Exception {
    Cli.Result r =
        Cli.rmnist(Map.of(), "run", file.toString(), "--dry-run", "--results-dir", tmp.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().matches("(?s).*: \\d+ runs, 0 already done\\s*"), r.out());
  }

  /** The model and augmentation a dry run lists for one run at n = 1, seed 0. */
  private String planned(String file, String run) throws Exception {
    Cli.Result r =
        Cli.rmnist(
            Map.of(),
            "run",
            Cli.ROOT.resolve("experiments/" + file).toString(),
            "--dry-run",
            "--results-dir",
            tmp.toString());
    assertEquals(0, r.exit(), r.out());
    return r.out()
        .lines()
        .filter(l -> l.matches("todo " + run + " .* n=1 draw=0 seed=0 .*"))
        .map(l -> l.substring(l.indexOf("model=")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(run + " not planned in " + file + ":\n" + r.out()));
  }

  @org.junit.jupiter.api.Test
  void recipesExtendedFromBestBindAsInBest() throws Exception {
    String cnnA = planned("best.yaml", "cnn-a");
    assertEquals(cnnA, planned("ingredients.yaml", "thickness"));
    assertEquals(cnnA, planned("ensemble.yaml", "cnn-a"));
    String cnnB = planned("best.yaml", "cnn-b");
    assertEquals(cnnB, planned("ingredients.yaml", "thickness-3x3"));
    assertEquals(cnnA.replace("kernels=[5], padding=[2]", "kernels=[3], padding=[1]"), cnnB);
  }
}
