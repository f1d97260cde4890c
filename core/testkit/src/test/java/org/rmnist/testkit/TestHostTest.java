package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.jars.PluginJars;

/** Plugin jars built by the kit run through the real host; an id claimed twice fails the check. */
class TestHostTest {
  @TempDir Path tmp;

  private static final String FLIP =
      """
      package PKG;

      import java.util.random.RandomGenerator;
      import org.pf4j.Extension;
      import org.rmnist.api.Augmentation;
      import org.rmnist.api.Doc;
      import org.rmnist.api.ImageShape;

      @Extension
      public final class Flip implements Augmentation<Flip.Config, Boolean> {
        public record Config(@Doc("chance of a flip; [0, 1]") double p) {
          public Config {
            if (!(p >= 0 && p <= 1)) {
              throw new IllegalArgumentException("p: must be in [0, 1], got " + p);
            }
          }
        }
        public String id() { return "flip"; }
        public String summary() { return "mirrors left and right"; }
        public Class<Config> configType() { return Config.class; }
        public Config defaults() { return new Config(0.5); }
        public Boolean sample(Config c, ImageShape s, RandomGenerator r) {
          return r.nextDouble() < c.p();
        }
        public void apply(Config c, Boolean f, float[] src, int so, float[] dst, int d,
            ImageShape s) {
          for (int i = 0; i < s.size(); i++) {
            int x = i % s.width();
            dst[d + i] = src[so + (f ? i - x + s.width() - 1 - x : i)];
          }
        }
      }
      """;

  private Path jar(String pluginId, String pkg) {
    return PluginJars.plugin(pluginId)
        .source(pkg + "/Flip.java", FLIP.replace("PKG", pkg))
        .build(tmp.resolve("jars"));
  }

  @Test
  void aJarRunsThroughTheRealHostAndBindsYaml() {
    try (TestHost host = TestHost.ofJars(tmp, List.of(jar("flips", "one")))) {
      host.assertNoProblems();
      assertEquals(List.of("flip"), host.ids(ExtensionKind.AUGMENTATION));
      assertEquals(
          "Config[p=0.25]",
          host.bind(ExtensionKind.AUGMENTATION, "flip", Map.of("p", 0.25)).toString());
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> host.bind(ExtensionKind.AUGMENTATION, "flip", Map.of("p", 2)));
      assertEquals(
          HostMessages.invalidValue("runs.test.params", "flip", "p: must be in [0, 1], got 2.0"),
          e.getMessage());
    }
  }

  @Test
  void anIdClaimedByTwoJarsFailsTheCheck() {
    try (TestHost host =
        TestHost.ofJars(tmp, List.of(jar("flips", "one"), jar("more-flips", "two")))) {
      AssertionFailedError e = assertThrows(AssertionFailedError.class, host::assertNoProblems);
      assertTrue(
          e.getMessage()
              .contains(
                  "augmentation id 'flip' is provided by both plugin "
                      + "flips and plugin more-flips; using flips"),
          e.getMessage());
    }
  }

  @Test
  void aJarMadeOfAClassesFolderLoads() {
    PluginJars.plugin("x")
        .source("three/Flip.java", FLIP.replace("PKG", "three"))
        .build(tmp.resolve("unused"));
    Path jar = TestHost.jarOf(tmp.resolve("out"), "from-classes", compiledClasses(tmp));
    try (TestHost host = TestHost.ofJars(tmp, List.of(jar))) {
      host.assertNoProblems();
      assertEquals(List.of("flip"), host.ids(ExtensionKind.AUGMENTATION));
    }
  }

  /** The classes folder the builder compiled plugin x into (its "build-x..." work folder). */
  private static Path compiledClasses(Path tmp) {
    try (var s = java.nio.file.Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("build-x"))
          .map(p -> p.resolve("classes"))
          .findFirst()
          .orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
