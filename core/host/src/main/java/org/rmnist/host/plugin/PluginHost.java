package org.rmnist.host.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.rmnist.api.Component;
import org.rmnist.host.ConfigException;

/**
 * Loads every plugin in the given folders and indexes their extensions by kind and id. A plugin that
 * fails to load or start is reported and left out; the others keep working.
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
    this.manager = new HostPluginManager(roots);
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

  private void register(PluginWrapper plugin) {
    PluginInfo info = info(plugin);
    for (ExtensionKind kind : ExtensionKind.values()) {
      List<? extends Component> found;
      try {
        found = manager.getExtensions(kind.type(), plugin.getPluginId());
      } catch (RuntimeException | LinkageError e) {
        problems.add("plugin " + plugin.getPluginId() + ": cannot create its " + kind.word()
            + " extensions: " + HostPluginManager.rootMessage(e));
        continue;
      }
      for (Component<?> c : found) {
        Registered previous = registry.get(kind).get(c.id());
        if (previous != null) {
          problems.add(kind.word() + " id '" + c.id() + "' is provided by both plugin "
              + previous.plugin().id() + " and plugin " + info.id() + "; using "
              + previous.plugin().id());
          continue;
        }
        registry.get(kind).put(c.id(), new Registered(c, info));
      }
    }
  }

  private static PluginInfo info(PluginWrapper p) {
    String problem = p.getFailedException() == null ? null
        : HostPluginManager.rootMessage(p.getFailedException());
    return new PluginInfo(p.getPluginId(), p.getDescriptor().getVersion(), p.getPluginPath(),
        p.getPluginState().toString(), problem);
  }

  /** The extension of that kind and id; an error listing the known ids when there is none. */
  public Registered get(ExtensionKind kind, String id, String where) {
    Registered r = registry.get(kind).get(id);
    if (r == null) {
      throw new ConfigException(where + ": unknown " + kind.word() + " '" + id + "'; known: "
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
      list.add(new PluginInfo("?", "?", f.path(), PluginState.FAILED.toString(), f.reason()));
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

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
  }
}
