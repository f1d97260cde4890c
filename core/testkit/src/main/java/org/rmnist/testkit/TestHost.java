package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rmnist.api.Component;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.testkit.jars.PluginJars;

/**
 * The real host ({@link PluginHost}) opened on plugin folders or jars, for tests: look an extension
 * up by kind and id, bind YAML parameters to it as a run would, and assert that everything loaded
 * without a problem (no failed jar, no id claimed twice).
 */
public final class TestHost implements AutoCloseable {
  private final PluginHost host;

  private TestHost(PluginHost host) {
    this.host = host;
  }

  /** Opens the host on plugin folders. */
  public static TestHost open(Path... folders) {
    return new TestHost(PluginHost.open(List.of(folders)));
  }

  /** Copies {@code jars} into a fresh folder under {@code tmp} and opens the host on it. */
  public static TestHost ofJars(Path tmp, List<Path> jars) {
    try {
      Path folder = Files.createTempDirectory(tmp, "plugins");
      for (Path jar : jars) {
        Files.copy(jar, folder.resolve(jar.getFileName()));
      }
      return open(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A plugin jar in {@code outDir} made of a compiled classes folder (a plugin module's {@code
   * target/classes}, holding its {@code META-INF/extensions.idx}), declaring the API range of the
   * API it runs with.
   */
  public static Path jarOf(Path outDir, String pluginId, Path classes) {
    return PluginJars.plugin(pluginId)
        .classes(classes)
        .requires(PluginHost.compatibleRange(PluginHost.apiVersion()))
        .build(outDir);
  }

  /** The host itself. */
  public PluginHost host() {
    return host;
  }

  /** What went wrong while loading, one sentence each. */
  public List<String> problems() {
    return host.problems();
  }

  /** Fails listing every load problem (failed jars, duplicate ids), if there is any. */
  public TestHost assertNoProblems() {
    assertEquals(List.of(), problems(), "plugin load problems");
    return this;
  }

  /** The loaded ids of a kind, sorted. */
  public List<String> ids(ExtensionKind kind) {
    return host.ids(kind);
  }

  /** The extension of that kind and id (a ConfigException listing the known ids if none). */
  public Component<?> extension(ExtensionKind kind, String id) {
    return host.get(kind, id, "test").component();
  }

  /** Binds YAML parameters to the extension's config, as a run's {@code params:} would be. */
  @SuppressWarnings("unchecked")
  public Record bind(ExtensionKind kind, String id, Map<String, ?> params) {
    return ConfigBinder.bind((Component<Record>) extension(kind, id), params, "runs.test.params");
  }

  @Override
  public void close() {
    host.close();
  }
}
