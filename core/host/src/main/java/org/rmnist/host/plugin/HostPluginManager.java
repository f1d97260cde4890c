package org.rmnist.host.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.util.FileUtils;

/**
 * PF4J's manager with rmnist's class loading ({@link SharedFirstClassLoader}) for jar, zip and folder
 * plugins, and a record of plugins that failed to load instead of a log line.
 */
final class HostPluginManager extends DefaultPluginManager {
  private final List<LoadFailure> failures = new ArrayList<>();

  /** A plugin file that could not be loaded, and why. */
  record LoadFailure(Path path, String reason) {}

  HostPluginManager(List<Path> roots) {
    super(roots);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new CompoundPluginLoader()
        .add(new JarLoader(this))
        .add(new FolderLoader(this));
  }

  @Override
  protected PluginWrapper loadPluginFromPath(Path pluginPath) {
    try {
      return super.loadPluginFromPath(pluginPath);
    } catch (RuntimeException e) {
      if (!Files.isDirectory(pluginPath) || Files.exists(pluginPath.resolve("plugin.properties"))
          || Files.exists(pluginPath.resolve("META-INF"))) {
        failures.add(new LoadFailure(pluginPath, rootMessage(e)));
      } // else: an unrelated folder beside the plugins, not worth a warning
      throw e;
    }
  }

  List<LoadFailure> failures() {
    return List.copyOf(failures);
  }

  static String rootMessage(Throwable e) {
    String msg = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        msg = msg + ": " + t.getMessage();
      }
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }

  /** One-jar plugins. */
  private static final class JarLoader implements PluginLoader {
    private final PluginManager manager;

    JarLoader(PluginManager manager) {
      this.manager = manager;
    }

    @Override
    public boolean isApplicable(Path path) {
      return Files.exists(path) && FileUtils.isJarFile(path);
    }

    @Override
    public ClassLoader loadPlugin(Path path, PluginDescriptor descriptor) {
      PluginClassLoader loader =
          new SharedFirstClassLoader(manager, descriptor, HostPluginManager.class.getClassLoader());
      loader.addFile(path.toFile());
      return loader;
    }
  }

  /** Folder plugins ({@code classes/} and {@code lib/*.jar}), also what zips expand to. */
  private static final class FolderLoader extends DefaultPluginLoader {
    FolderLoader(PluginManager manager) {
      super(manager);
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
      return new SharedFirstClassLoader(
          pluginManager, descriptor, HostPluginManager.class.getClassLoader());
    }
  }
}
