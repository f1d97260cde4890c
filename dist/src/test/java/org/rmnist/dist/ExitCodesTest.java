package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's exit codes (0 ok, 2 bad input) and messages, as a user's shell sees them. */
class ExitCodesTest {
  @TempDir Path tmp;

  @Test
  void helpExitsZeroAndListsTheExitCodes() throws Exception {
    Cli.Result r = Cli.rmnist(Map.of(), "models", "fetch", "--help");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().startsWith("Usage: rmnist models fetch"), r.out());
    assertTrue(r.out().contains("Exit codes:"), r.out());
  }

  @Test
  void rmnistDataNamingAFileIsBadInput() throws Exception {
    Path file = Files.writeString(tmp.resolve("train-images-idx3-ubyte.gz"), "x");
    String expected =
        "error: RMNIST_DATA="
            + file
            + " is a file; set it to the folder that "
            + "holds the data files";
    for (String[] args :
        new String[][] {
          {"data", "verify"}, {"run", "experiments/nielsen-baselines.yaml", "--dry-run"}
        }) {
      Cli.Result r = Cli.rmnist(Map.of("RMNIST_DATA", file.toString()), args);
      assertEquals(2, r.exit(), r.out());
      assertTrue(r.out().contains(expected), r.out());
    }
  }

  @Test
  void aMissingPluginsFolderIsBadInput() throws Exception {
    Cli.Result r = Cli.rmnist(Map.of(), "plugins", "--plugins", tmp.resolve("gone").toString());
    assertEquals(2, r.exit(), r.out());
    assertEquals("error: --plugins " + tmp.resolve("gone") + ": no such folder", r.out().strip());
  }
}
