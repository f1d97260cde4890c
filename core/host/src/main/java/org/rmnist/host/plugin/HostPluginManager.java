package org.rmnist.host.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipError;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.util.FileUtils;

/**
 * PF4J's manager with rmnist's class loading ({@link SharedFirstClassLoader}) for jar, zip and
 * folder plugins, the API version as its system version, and a record of every plugin that could
 * not be loaded (unreadable jar, bad manifest, incompatible API, unmet dependency) instead of a log
 * line or an exception that stops every other plugin.
 */
final class HostPluginManager extends DefaultPluginManager {
  private final String apiVersion;
  private final List<LoadFailure> failures = new ArrayList<>();
  private final Map<String, String> refusals = new HashMap<>();

  /** A plugin file that could not be loaded, and why; id and version are "?" when unknown. */
  record LoadFailure(Path path, String id, String version, String reason) {}

  /**
   * @param apiVersion the rmnist API version this host carries (e.g. {@code 0.1.0-SNAPSHOT});
   *     plugins' {@code Plugin-Requires} ranges are checked against its release part
   */
  HostPluginManager(List<Path> roots, String apiVersion) {
    super(roots);
    this.apiVersion = apiVersion;
    setSystemVersion(PluginHost.release(apiVersion));
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new CompoundPluginLoader().add(new JarLoader(this)).add(new FolderLoader(this));
  }

  @Override
  protected PluginWrapper loadPluginFromPath(Path pluginPath) {
    PluginWrapper plugin;
    try {
      plugin = super.loadPluginFromPath(pluginPath);
    } catch (RuntimeException | LinkageError | ZipError e) { // ZipError: a corrupt jar
      if (!Files.isDirectory(pluginPath)
          || Files.exists(pluginPath.resolve("plugin.properties"))
          || Files.exists(pluginPath.resolve("META-INF"))) {
        failures.add(new LoadFailure(pluginPath, "?", "?", rootMessage(e)));
      } // else: an unrelated folder beside the plugins, not worth a warning
      throw e instanceof PluginRuntimeException p ? p : new PluginRuntimeException(e);
    }
    String id = plugin.getPluginId();
    String refused = refusals.remove(id);
    if (refused == null) {
      refused = malformedVersions(plugin.getDescriptor());
    }
    if (refused != null) {
      refuse(id, refused);
    }
    return plugin;
  }

  /**
   * Checks {@code Plugin-Requires} against the API version. PF4J would disable a mismatch with
   * "Plugin validation failed", and stop every plugin with a parse error on a malformed range.
   */
  @Override
  protected boolean isPluginValid(PluginWrapper plugin) {
    String requires = plugin.getDescriptor().getRequires().trim();
    if (!isExactVersionAllowed() && requires.matches("^\\d+\\.\\d+\\.\\d+$")) {
      requires = ">=" + requires; // PF4J's reading of a bare version
    }
    String id = plugin.getPluginId();
    try {
      if (getVersionManager().checkVersionConstraint(getSystemVersion(), requires)) {
        return true;
      }
      refusals.put(
          id,
          "built for rmnist API "
              + requires
              + ", but this host's API is "
              + apiVersion
              + " (Plugin-Requires; rebuild the plugin against this API)");
    } catch (RuntimeException e) {
      refusals.put(
          id,
          "Plugin-Requires '"
              + requires
              + "' is not a version range ("
              + rootMessage(e)
              + "); write e.g. '"
              + PluginHost.compatibleRange(apiVersion)
              + "'");
    }
    return false;
  }

  /** A sentence about the first malformed version in the manifest, or null. */
  private String malformedVersions(PluginDescriptor d) {
    try {
      getVersionManager().compareVersions(d.getVersion(), "0.0.0");
    } catch (RuntimeException e) {
      return "Plugin-Version '" + d.getVersion() + "' is not a version such as 1.0.0";
    }
    for (PluginDependency dep : d.getDependencies()) {
      String range = dep.getPluginVersionSupport();
      try {
        getVersionManager().checkVersionConstraint("0.0.0", range);
      } catch (RuntimeException e) {
        return "Plugin-Dependencies entry '"
            + dep.getPluginId()
            + "@"
            + range
            + "': '"
            + range
            + "' is not a version range such as >=1.0.0";
      }
    }
    return null;
  }

  /**
   * Leaves out each plugin whose {@code Plugin-Dependencies} are not met (PF4J would throw and load
   * no plugin at all), then resolves the rest.
   */
  @Override
  protected void resolvePlugins() {
    for (boolean changed = true; changed; ) {
      List<PluginDescriptor> descriptors =
          getPlugins().stream().map(PluginWrapper::getDescriptor).toList();
      DependencyResolver.Result result = dependencyResolver.resolve(descriptors);
      Map<String, String> unmet = new HashMap<>();
      if (result.hasCyclicDependency()) {
        for (PluginDescriptor d : descriptors) {
          if (!d.getDependencies().isEmpty()) {
            unmet.put(
                d.getPluginId(),
                "its Plugin-Dependencies "
                    + d.getDependencies()
                    + " form a cycle with other plugins'");
          }
        }
      } else {
        for (String missing : result.getNotFoundDependencies()) {
          for (String dependent : dependencyResolver.getDependents(missing)) {
            unmet.putIfAbsent(
                dependent,
                "needs plugin '" + missing + "' (Plugin-Dependencies), which is not loaded");
          }
        }
        for (DependencyResolver.WrongDependencyVersion w : result.getWrongVersionDependencies()) {
          unmet.putIfAbsent(
              w.getDependentId(),
              "needs plugin '"
                  + w.getDependencyId()
                  + "' "
                  + w.getRequiredVersion()
                  + " (Plugin-Dependencies), but version "
                  + w.getExistingVersion()
                  + " is loaded");
        }
      }
      unmet.forEach(this::refuse);
      changed = !unmet.isEmpty();
    }
    super.resolvePlugins();
  }

  private void refuse(String pluginId, String reason) {
    PluginWrapper p = getPlugin(pluginId);
    if (p == null) {
      return;
    }
    failures.add(
        new LoadFailure(p.getPluginPath(), pluginId, p.getDescriptor().getVersion(), reason));
    unloadPlugin(pluginId, false, false);
  }

  List<LoadFailure> failures() {
    return List.copyOf(failures);
  }

  static String rootMessage(Throwable e) {
    String msg = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && (msg == null || !msg.contains(t.getMessage()))) {
        msg = msg == null ? t.getMessage() : msg + ": " + t.getMessage();
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
