package org.rmnist.host.util;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things are: the project home ({@code -Drmnist.home}, set by {@code bin/rmnist}; else {@code
 * RMNIST_HOME}; else the working folder) and the folders below it.
 */
public final class Home {
  private Home() {}

  /** The project root. */
  public static Path root() {
    String p = System.getProperty("rmnist.home");
    if (p == null || p.isBlank()) {
      p = System.getenv("RMNIST_HOME");
    }
    return Path.of(p == null || p.isBlank() ? "." : p).toAbsolutePath().normalize();
  }

  /** Folders plugins load from: the bundled folder, {@code RMNIST_PLUGINS}, then {@code extra}. */
  public static List<Path> pluginRoots(List<Path> extra) {
    List<Path> roots = new ArrayList<>();
    String bundled = System.getProperty("rmnist.plugins.bundled");
    roots.add(bundled != null ? Path.of(bundled) : root().resolve("dist/target/rmnist/plugins"));
    String env = System.getenv("RMNIST_PLUGINS");
    if (env != null && !env.isBlank()) {
      for (String s : env.split(File.pathSeparator)) {
        if (!s.isBlank()) {
          roots.add(Path.of(s));
        }
      }
    }
    roots.addAll(extra);
    return roots.stream().map(q -> q.toAbsolutePath().normalize()).distinct().toList();
  }

  /**
   * Folders relative model paths resolve against: each entry of {@code RMNIST_MODELS}, then the
   * project's {@code models/}.
   */
  public static List<Path> modelRoots() {
    List<Path> roots = new ArrayList<>();
    String env = System.getenv("RMNIST_MODELS");
    if (env != null && !env.isBlank()) {
      for (String s : env.split(File.pathSeparator)) {
        if (!s.isBlank()) {
          roots.add(Path.of(s).toAbsolutePath().normalize());
        }
      }
    }
    roots.add(root().resolve("models"));
    return roots.stream().distinct().toList();
  }

  /** The first model root holding {@code <name>.yaml}, else the project's {@code models/}. */
  public static Path modelDir(String name) {
    for (Path r : modelRoots()) {
      if (java.nio.file.Files.isRegularFile(r.resolve(name + ".yaml"))) {
        return r;
      }
    }
    return root().resolve("models");
  }

  /** The default results folder. */
  public static Path results() {
    return root().resolve("results");
  }
}
