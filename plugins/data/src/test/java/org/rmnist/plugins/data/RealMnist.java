package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MNIST training files for tests that check published facts: RMNIST_DATA, else
 * ../shared/mnist beside the repository. Missing data skips such tests on a developer's machine and
 * fails them under CI=true.
 */
final class RealMnist {
  private RealMnist() {}

  static Path dir() {
    String env = System.getenv("RMNIST_DATA");
    // Tests run in plugins/data; a relative RMNIST_DATA is relative to the project root,
    // where README's test command runs.
    Path root = Path.of("").toAbsolutePath().resolve("../..").normalize();
    Path dir =
        env != null && !env.isBlank()
            ? root.resolve(env).normalize()
            : root.resolve("../shared/mnist").normalize();
    if (!RmnistDataset.hasTrainingData(dir)) {
      String msg = "MNIST training files not found in " + dir + " (set RMNIST_DATA)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return dir;
  }
}
