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
  @TempDir
  Path tmp;

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
    Cli.Result r = Cli.rmnist(Map.of(), "run", file.toString(), "--dry-run", "--results-dir",
        tmp.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().matches("(?s).*: \\d+ runs, 0 already done\\s*"), r.out());
  }
}
