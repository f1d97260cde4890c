package org.rmnist.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.rmnist.api.Component;
import org.rmnist.host.ConfigException;

/**
 * Loads every plugin in the given folders and indexes their extensions by kind and id. A plugin
 * that fails to load or start (unreadable jar, bad manifest, an API range this host does not meet,
 * an unmet dependency), and an extension that cannot be created, is reported and left out; the
 * others keep working.
 */
public final class PluginHost implements AutoCloseable {
  private final HostPluginManager manager;
  private final Map<ExtensionKind, Map<String, Registered>> registry =
      new EnumMap<>(ExtensionKind.class);
  private final List<String> problems = new ArrayList<>();

  /** An extension and the plugin it came from. */
  public record Registered(Component<?> component, PluginInfo plugin) {}

  /** What {@code rmnist plugins} shows about a plugin. */
  public record PluginInfo(String id, String version, Path path, String state, String problem) {}

  private PluginHost(List<Path> roots) {
    this.manager = new HostPluginManager(roots, apiVersion());
    manager.loadPlugins();
    manager.startPlugins();
    for (ExtensionKind kind : ExtensionKind.values()) {
      registry.put(kind, new TreeMap<>());
    }
    for (PluginWrapper plugin : manager.getStartedPlugins()) {
      register(plugin);
    }
  }

  /** Loads the plugins found in {@code roots} (folders that do not exist are skipped). */
  public static PluginHost open(List<Path> roots) {
    List<Path> existing = roots.stream().filter(Files::isDirectory).distinct().toList();
    return new PluginHost(existing);
  }

  /** Creates each extension the plugin's index names, one by one, reporting what fails. */
  private void register(PluginWrapper plugin) {
    PluginInfo info = info(plugin);
    String where =
        "plugin " + plugin.getPluginId() + " (" + plugin.getPluginPath().getFileName() + ")";
    for (String className : new TreeSet<>(manager.getExtensionClassNames(plugin.getPluginId()))) {
      Class<?> type;
      try {
        type = plugin.getPluginClassLoader().loadClass(className);
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add(where + ": cannot load extension class " + className + ": " + describe(e));
        continue;
      }
      List<ExtensionKind> kinds =
          Arrays.stream(ExtensionKind.values())
              .filter(k -> k.type().isAssignableFrom(type))
              .toList();
      if (kinds.isEmpty()) {
        continue; // an extension of some other extension point: not ours to index
      }
      Component<?> c;
      String id;
      try {
        c = (Component<?>) manager.getExtensionFactory().create(type);
        id = c.id();
      } catch (RuntimeException | LinkageError e) {
        problems.add(where + ": extension " + className + " cannot be created: " + describe(e));
        continue;
      }
      if (id == null || id.isBlank()) {
        problems.add(
            where
                + ": extension "
                + className
                + " has no id (id() returned "
                + (id == null ? "null" : "'" + id + "'")
                + "); an id is lower-kebab-case, e.g. svm-rbf");
        continue;
      }
      for (ExtensionKind kind : kinds) {
        add(kind, id, new Registered(c, info));
      }
    }
  }

  private void add(ExtensionKind kind, String id, Registered r) {
    Registered previous = registry.get(kind).get(id);
    if (previous != null) {
      problems.add(
          kind.word()
              + " id '"
              + id
              + "' is provided by both plugin "
              + previous.plugin().id()
              + " and plugin "
              + r.plugin().id()
              + "; using "
              + previous.plugin().id());
      return;
    }
    registry.get(kind).put(id, r);
  }

  /** The exception a constructor or class initialiser threw, as "Type: message". */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t instanceof org.pf4j.PluginRuntimeException
            || t instanceof java.lang.reflect.InvocationTargetException
            || t instanceof ExceptionInInitializerError)) {
      t = t.getCause();
    }
    return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static PluginInfo info(PluginWrapper p) {
    String problem =
        p.getFailedException() == null
            ? null
            : HostPluginManager.rootMessage(p.getFailedException());
    return new PluginInfo(
        p.getPluginId(),
        p.getDescriptor().getVersion(),
        p.getPluginPath(),
        p.getPluginState().toString(),
        problem);
  }

  /** The extension of that kind and id; an error listing the known ids when there is none. */
  public Registered get(ExtensionKind kind, String id, String where) {
    Registered r = registry.get(kind).get(id);
    if (r == null) {
      throw new ConfigException(
          where
              + ": unknown "
              + kind.word()
              + " '"
              + id
              + "'; known: "
              + (registry.get(kind).isEmpty() ? "(none loaded)" : String.join(", ", ids(kind))));
    }
    return r;
  }

  /** Ids of the loaded extensions of a kind, sorted. */
  public List<String> ids(ExtensionKind kind) {
    return List.copyOf(registry.get(kind).keySet());
  }

  /** Every extension of a kind, by id. */
  public Map<String, Registered> all(ExtensionKind kind) {
    return new LinkedHashMap<>(registry.get(kind));
  }

  /** Every plugin PF4J saw, loaded or failed, in id order. */
  public List<PluginInfo> plugins() {
    List<PluginInfo> list = new ArrayList<>();
    for (PluginWrapper p : manager.getPlugins()) {
      list.add(info(p));
    }
    for (HostPluginManager.LoadFailure f : manager.failures()) {
      list.add(
          new PluginInfo(f.id(), f.version(), f.path(), PluginState.FAILED.toString(), f.reason()));
    }
    list.sort(Comparator.comparing(PluginInfo::id).thenComparing(i -> i.path().toString()));
    return list;
  }

  /** Problems met while loading (failed plugins, duplicate ids), one sentence each. */
  public List<String> problems() {
    List<String> all = new ArrayList<>();
    for (PluginInfo p : plugins()) {
      if (p.problem() != null) {
        all.add("plugin " + p.id() + " (" + p.path() + ") " + p.state() + ": " + p.problem());
      }
    }
    all.addAll(problems);
    return all;
  }

  /**
   * The rmnist API version this host carries, as the build wrote it into the API jar ({@code
   * org/rmnist/api/api.properties}): the project version, e.g. {@code 0.1.0-SNAPSHOT}.
   */
  public static String apiVersion() {
    try (InputStream in = Component.class.getResourceAsStream("api.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "the rmnist API on the class path has no "
                + "org/rmnist/api/api.properties: it was not built by Maven; run mvn install");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A version's release part, as PF4J compares it: {@code 0.1.0-SNAPSHOT} gives 0.1.0. */
  static String release(String version) {
    return version.replaceFirst("[-+].*$", "");
  }

  /**
   * The {@code Plugin-Requires} range of a plugin built against API {@code version}: at least that
   * release, below the next minor (0.x) or major (1.0 on) version, where incompatible changes go.
   */
  public static String compatibleRange(String version) {
    String[] v = release(version).split("\\.");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    String below = major == 0 ? "0." + (minor + 1) + ".0" : (major + 1) + ".0.0";
    return ">=" + release(version) + " & <" + below;
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}
