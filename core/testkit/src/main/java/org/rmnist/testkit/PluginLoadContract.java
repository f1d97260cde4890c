package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.host.plugin.ExtensionKind;

/**
 * A plugin's compiled classes, packed as a plugin jar, load through the real host with exactly the
 * expected ids and no problem (no extension that cannot be created, no id claimed twice).
 *
 * <pre>{@code
 * class NoisePluginLoadTest extends PluginLoadContract {
 *   protected String pluginId() { return "example-noise"; }
 *   protected Map<ExtensionKind, List<String>> expectedIds() {
 *     return Map.of(ExtensionKind.AUGMENTATION, List.of("invert", "salt-pepper"));
 *   }
 * }
 * }</pre>
 */
public abstract class PluginLoadContract {
  @TempDir Path tmp;

  /** The plugin's {@code Plugin-Id}. */
  protected abstract String pluginId();

  /** Every id the plugin provides, by kind, sorted. */
  protected abstract Map<ExtensionKind, List<String>> expectedIds();

  /** The compiled classes: {@code target/classes} of the module under test unless overridden. */
  protected Path classes() {
    return Path.of("target", "classes");
  }

  @Test
  void loadsThroughTheRealHostWithItsIds() throws Exception {
    Path jar = TestHost.jarOf(Files.createDirectories(tmp.resolve("jar")), pluginId(), classes());
    try (TestHost host = TestHost.ofJars(tmp, List.of(jar))) {
      host.assertNoProblems();
      for (ExtensionKind kind : ExtensionKind.values()) {
        assertEquals(expectedIds().getOrDefault(kind, List.of()), host.ids(kind), kind.word());
      }
      assertEquals(pluginId(), host.host().plugins().get(0).id());
    }
  }
}
