package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's main job, {@code bin/rmnist run experiments/nielsen-baselines.yaml}, reproduces
 * Nielsen's deterministic baselines (docs/nielsen-protocol.md) and his randomised ones within
 * noise.
 */
class NielsenBaselinesTest {
  @TempDir Path tmp;

  private List<Map<String, Object>> rows;

  private double mean(String run, int n) {
    List<Double> acc = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (r.get("run").equals(run) && ((Number) r.get("n")).intValue() == n) {
        acc.add(((Number) r.get("accuracy")).doubleValue() * 100);
      }
    }
    assertTrue(!acc.isEmpty(), "no rows for " + run + " n=" + n);
    return acc.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void reproducesNielsensBaselineTable() throws Exception {
    Path data = Cli.mnist();
    Map<String, String> env = Map.of("RMNIST_DATA", data.toString());
    Cli.Result r =
        Cli.rmnist(
            env, "run", "experiments/nielsen-baselines.yaml", "--results-dir", tmp.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("| RMNIST/1 | 41.85 [41.85] |"), r.out());
    Path report = tmp.resolve("nielsen-baselines/report.html");
    assertTrue(Files.isRegularFile(report), "the run leaves its report: " + r.out());
    assertTrue(Files.readString(report).contains("<td data-run=\"knn-1\""), "with the table");
    rows = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(tmp.resolve("nielsen-baselines/results.jsonl"))) {
      rows.add(json.readValue(line, Map.class));
    }
    assertEquals(3 * (3 + 5 + 5 + 5), rows.size());

    int[] ns = {1, 5, 10};
    double[] knn = {41.85, 65.08, 70.14};
    double[] rbf = {41.85, 69.73, 75.46};
    double[] linear = {41.85, 69.43, 75.09};
    double[] forest = {41.56, 65.70, 72.87};
    for (int i = 0; i < 3; i++) {
      assertEquals(knn[i], mean("knn-1", ns[i]), 0.001, "1-NN is exact, n=" + ns[i]);
      assertEquals(rbf[i], mean("svm-rbf", ns[i]), 0.2, "RBF SVM, n=" + ns[i]);
      assertEquals(linear[i], mean("svm-linear", ns[i]), 0.2, "linear SVM, n=" + ns[i]);
      assertEquals(forest[i], mean("random-forest", ns[i]), 2.0, "forest, n=" + ns[i]);
    }
    assertTrue(mean("decision-tree", 10) > 30, "a tree on RMNIST/10 learns something");
    double[] mlp = {42.00, 69.47, 75.33};
    for (int i = 0; i < 3; i++) {
      assertEquals(mlp[i], mean("mlp", ns[i]), 3.0, "MLP (500, 100), n=" + ns[i]);
    }

    Cli.Result again =
        Cli.rmnist(
            env, "run", "experiments/nielsen-baselines.yaml", "--results-dir", tmp.toString());
    assertEquals(0, again.exit(), again.out());
    assertTrue(again.out().contains("54 runs: 0 ran, 54 already done, 0 failed"), again.out());
  }
}
