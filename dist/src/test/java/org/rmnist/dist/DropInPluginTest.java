package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.testkit.TestHost;
import org.rmnist.testkit.jars.PluginJars;

/**
 * A third party's plugin, built as its own Maven project against the published API, dropped into a
 * folder and used by an experiment; plugins that cannot load are reported and the rest work.
 */
class DropInPluginTest {
  @TempDir Path tmp;

  @Test
  void exampleNoisePluginBuildsLoadsAndRuns() throws Exception {
    Path data = Cli.mnist();
    Path project = tmp.resolve("noise-plugin");
    copyTree(Cli.ROOT.resolve("examples/noise-plugin"), project);
    Cli.Result build =
        Cli.exec(project, Map.of(), 300, List.of("mvn", "-B", "-q", "package", "-DskipTests"));
    assertEquals(0, build.exit(), build.out());
    Path dropIn = tmp.resolve("my-plugins");
    Files.createDirectories(dropIn);
    Path example = dropIn.resolve("rmnist-noise-plugin-1.0.0.jar");
    Files.copy(project.resolve("target/rmnist-noise-plugin-1.0.0.jar"), example);
    assertEquals(apiRange(), requires(example), "the example's Plugin-Requires");
    List<Path> all = new ArrayList<>(bundled());
    all.add(example);
    try (TestHost host = TestHost.ofJars(tmp, all)) {
      host.assertNoProblems(); // every id unique across the bundled plugins and the example
    }

    Cli.Result list = Cli.rmnist(Map.of(), "plugins", "--plugins", dropIn.toString());
    assertEquals(0, list.exit(), list.out());
    assertTrue(list.out().contains("example-noise  1.0.0"), list.out());
    assertTrue(list.out().contains("salt-pepper  [plugin example-noise 1.0.0]"), list.out());
    assertTrue(
        list.out().contains("- amount (double, default 0.05): fraction of pixels replaced"),
        list.out());

    Path exp = tmp.resolve("noise.yaml");
    Files.writeString(
        exp,
        """
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
    Cli.Result run =
        Cli.rmnist(
            Map.of("RMNIST_PLUGINS", dropIn.toString(), "RMNIST_DATA", data.toString()),
            "run",
            exp.toString(),
            "--results-dir",
            tmp.resolve("results").toString());
    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("| RMNIST/1 | 41.85 |"), "1-NN on RMNIST/1: " + run.out());
    Path png = tmp.resolve("preview.png");
    Cli.Result preview =
        Cli.rmnist(
            Map.of("RMNIST_DATA", data.toString()),
            "--plugins",
            dropIn.toString(),
            "preview",
            "salt-pepper:amount=0.2+invert",
            "--versions",
            "4",
            "--out",
            png.toString());
    assertEquals(0, preview.exit(), preview.out());
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertEquals(5 * (28 * 3 + 2) + 2 + 4, img.getWidth(), "original + 4 versions");
    assertEquals(10 * (28 * 3 + 2) + 2, img.getHeight(), "RMNIST/1: 10 images");

    List<String> rows = Files.readAllLines(tmp.resolve("results/noise/results.jsonl"));
    assertEquals(2, rows.size());
    assertTrue(
        rows.get(1).contains("\"augment\":\"salt-pepper+invert(p=0.0) x3 +orig\""), rows.get(1));
  }

  @Test
  void unknownAugmentationNamesTheKnownOnes() throws Exception {
    Path exp = tmp.resolve("bad.yaml");
    Files.writeString(
        exp,
        """
        datasets:
          rmnist: {id: rmnist, n: [1]}
        runs:
          noisy: {id: knn, augment: {steps: [{id: salt-pepper}]}}
        """);
    Cli.Result run = Cli.rmnist(Map.of(), "run", exp.toString(), "--dry-run");
    assertEquals(2, run.exit(), run.out());
    assertTrue(
        run.out()
            .contains(
                "error: "
                    + exp
                    + ": runs.noisy.augment.steps.0.id: unknown "
                    + "augmentation 'salt-pepper'; known: "),
        run.out());
  }

  @Test
  void everyBundledPluginDeclaresTheApiRangeOfThisBuild() throws IOException {
    List<Path> jars = bundled();
    assertEquals(9, jars.size(), jars.toString());
    for (Path jar : jars) {
      assertEquals(apiRange(), requires(jar), jar + " Plugin-Requires");
    }
  }

  @Test
  void theLauncherReportsTheVersionOfThisBuild() throws Exception {
    Cli.Result version = Cli.rmnist(Map.of(), "--version");
    assertEquals(0, version.exit(), version.out());
    assertTrue(version.out().startsWith("rmnist " + PluginHost.apiVersion() + "\n"), version.out());
    assertTrue(version.out().contains("Plugin-Requires: " + apiRange()), version.out());
  }

  @Test
  void pluginsThatCannotLoadAreReportedByJarAndTheRestWork() throws Exception {
    Path dropIn = tmp.resolve("my-plugins");
    Path needy = PluginJars.plugin("needy").dependencies("absent-plugin").build(dropIn);
    String future = PluginHost.compatibleRange("99.0.0");
    Path newer = PluginJars.plugin("newer").requires(future).build(dropIn);
    Cli.Result list = Cli.rmnist(Map.of(), "plugins", "--plugins", dropIn.toString());
    assertEquals(1, list.exit(), list.out());
    assertTrue(
        list.out()
            .contains(
                "plugin needy ("
                    + needy
                    + ") FAILED: needs plugin "
                    + "'absent-plugin' (Plugin-Dependencies), which is not loaded"),
        list.out());
    assertTrue(
        list.out()
            .contains(
                "plugin newer ("
                    + newer
                    + ") FAILED: built for rmnist API "
                    + future
                    + ", but this host's API is "
                    + PluginHost.apiVersion()),
        list.out());
    assertTrue(list.out().contains("knn  [plugin baselines"), "the rest load: " + list.out());

    Path exp = tmp.resolve("plain.yaml");
    Files.writeString(
        exp,
        """
        datasets:
          rmnist: {id: rmnist, n: [1]}
        runs:
          plain: {id: knn}
        """);
    Cli.Result run =
        Cli.rmnist(
            Map.of("RMNIST_PLUGINS", dropIn.toString()),
            "run",
            exp.toString(),
            "--dry-run",
            "--results-dir",
            tmp.resolve("results").toString());
    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("warning: plugin needy (" + needy + ") FAILED"), run.out());
  }

  /** The bundled plugin jars of the distribution this build assembled. */
  private static List<Path> bundled() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("rmnist.plugins.bundled")))) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static String apiRange() {
    return PluginHost.compatibleRange(PluginHost.apiVersion());
  }

  private static String requires(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile())) {
      return f.getManifest().getMainAttributes().getValue("Plugin-Requires");
    }
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
