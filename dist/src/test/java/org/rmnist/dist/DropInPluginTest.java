package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's plugin, built as its own Maven project against the published API, dropped into a
 * folder and used by an experiment.
 */
class DropInPluginTest {
  @TempDir
  Path tmp;

  @Test
  void exampleNoisePluginBuildsLoadsAndRuns() throws Exception {
    Path data = Cli.mnist();
    Path project = tmp.resolve("noise-plugin");
    copyTree(Cli.ROOT.resolve("examples/noise-plugin"), project);
    Cli.Result build = Cli.exec(project, Map.of(), 300,
        List.of("mvn", "-B", "-q", "package", "-DskipTests"));
    assertEquals(0, build.exit(), build.out());
    Path dropIn = tmp.resolve("my-plugins");
    Files.createDirectories(dropIn);
    Files.copy(project.resolve("target/rmnist-noise-plugin-1.0.0.jar"),
        dropIn.resolve("rmnist-noise-plugin-1.0.0.jar"));

    Cli.Result list = Cli.rmnist(Map.of(), "plugins", "--plugins", dropIn.toString());
    assertEquals(0, list.exit(), list.out());
    assertTrue(list.out().contains("example-noise  1.0.0"), list.out());
    assertTrue(list.out().contains("salt-pepper  [plugin example-noise 1.0.0]"), list.out());
    assertTrue(list.out().contains("- amount (double, default 0.05): fraction of pixels replaced"),
        list.out());

    Path exp = tmp.resolve("noise.yaml");
    Files.writeString(exp, """
        name: noise
        datasets:
          rmnist: {id: rmnist, n: [1]}
        runs:
          plain: {id: knn}
          noisy:
            id: knn
            augment:
              copies: 3
              steps: [{id: salt-pepper, params: {amount: 0.1}}, {id: invert, p: 0.0}]
        """);
    Cli.Result run = Cli.rmnist(Map.of("RMNIST_PLUGINS", dropIn.toString(),
        "RMNIST_DATA", data.toString()), "run", exp.toString(), "--results-dir",
        tmp.resolve("results").toString());
    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("| RMNIST/1 | 41.85 |"), "1-NN on RMNIST/1: " + run.out());
    Path png = tmp.resolve("preview.png");
    Cli.Result preview = Cli.rmnist(Map.of("RMNIST_DATA", data.toString()), "--plugins",
        dropIn.toString(), "preview", "salt-pepper:amount=0.2+invert", "--versions", "4",
        "--out", png.toString());
    assertEquals(0, preview.exit(), preview.out());
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(5 * (28 * 3 + 2) + 2 + 4, img.getWidth(), "original + 4 versions");
    assertEquals(10 * (28 * 3 + 2) + 2, img.getHeight(), "RMNIST/1: 10 images");

    List<String> rows = Files.readAllLines(tmp.resolve("results/noise/results.jsonl"));
    assertEquals(2, rows.size());
    assertTrue(rows.get(1).contains("\"augment\":\"salt-pepper+invert(p=0.0) x3 +orig\""),
        rows.get(1));
  }

  @Test
  void unknownAugmentationNamesTheKnownOnes() throws Exception {
    Path exp = tmp.resolve("bad.yaml");
    Files.writeString(exp, """
        datasets:
          rmnist: {id: rmnist, n: [1]}
        runs:
          noisy: {id: knn, augment: {steps: [{id: salt-pepper}]}}
        """);
    Cli.Result run = Cli.rmnist(Map.of(), "run", exp.toString(), "--dry-run");
    assertEquals(2, run.exit(), run.out());
    assertTrue(run.out().contains("error: " + exp + ": runs.noisy.augment.steps.0.id: unknown "
        + "augmentation 'salt-pepper'; known: "), run.out());
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }
}
