package org.rmnist.testkit.jars;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real PF4J plugin jars in a test's temp folder, as PF4J's own {@code PluginJar.Builder}
 * does: Java sources compiled against the test class path (PF4J's annotation processor writes
 * {@code META-INF/extensions.idx}), or an already compiled classes folder, and a manifest that
 * names the plugin.
 *
 * <pre>{@code
 * Path jar = PluginJars.plugin("my-plugin").version("1.0.0").requires(">=0.1.0 & <0.2.0")
 *     .source("my/NoiseAugmentation.java", text).build(pluginsDir);
 * }</pre>
 */
public final class PluginJars {
  private PluginJars() {}

  /** A builder for a plugin with this {@code Plugin-Id} (version 1.0.0 unless set). */
  public static Builder plugin(String pluginId) {
    return new Builder(pluginId);
  }

  /**
   * Compiles {@code sources} (file name → Java text) into {@code outDir/<pluginId>.jar}.
   *
   * @return the jar
   */
  public static Path build(
      Path outDir, String pluginId, String version, Map<String, String> sources) {
    return plugin(pluginId).version(version).sources(sources).build(outDir);
  }

  /**
   * Reads a fixture source from the test resources ({@code fixtures/NAME} on the class path), with
   * pairs of (text, replacement) applied in order.
   */
  public static String fixture(String name, String... replacements) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in =
        (loader == null ? PluginJars.class.getClassLoader() : loader)
            .getResourceAsStream("fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + " on the class path");
      }
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (int i = 0; i + 1 < replacements.length; i += 2) {
        s = s.replace(replacements[i], replacements[i + 1]);
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What goes into one plugin jar. */
  public static final class Builder {
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> classFolders = new ArrayList<>();
    private String fileName;

    private Builder(String pluginId) {
      attributes.put("Plugin-Id", pluginId);
      attributes.put("Plugin-Version", "1.0.0");
      attributes.put("Plugin-Provider", "tests");
      fileName = pluginId + ".jar";
    }

    /** {@code Plugin-Version}. */
    public Builder version(String version) {
      return attribute("Plugin-Version", version);
    }

    /** {@code Plugin-Requires}: the rmnist API range, e.g. {@code >=0.1.0 & <0.2.0}. */
    public Builder requires(String range) {
      return attribute("Plugin-Requires", range);
    }

    /** {@code Plugin-Dependencies}: other plugins' ids, e.g. {@code other-plugin@>=1.0.0}. */
    public Builder dependencies(String dependencies) {
      return attribute("Plugin-Dependencies", dependencies);
    }

    /** Any manifest attribute; {@code null} removes it. */
    public Builder attribute(String name, String value) {
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      return this;
    }

    /** The jar's file name (default {@code <pluginId>.jar}). */
    public Builder fileName(String name) {
      this.fileName = name;
      return this;
    }

    /** A Java source file (path relative to the source root → text) to compile into the jar. */
    public Builder source(String path, String text) {
      sources.put(path, text);
      return this;
    }

    /** Several Java sources. */
    public Builder sources(Map<String, String> more) {
      sources.putAll(more);
      return this;
    }

    /**
     * A compiled classes folder to copy into the jar as it is (a plugin module's {@code
     * target/classes}, with its {@code META-INF/extensions.idx}).
     */
    public Builder classes(Path folder) {
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("no classes folder " + folder);
      }
      classFolders.add(folder);
      return this;
    }

    /** Compiles the sources and writes the jar into {@code outDir} (created if needed). */
    public Path build(Path outDir) {
      try {
        Files.createDirectories(outDir);
        Path work =
            Files.createTempDirectory(
                outDir.getParent() == null ? outDir : outDir.getParent(),
                "build-" + attributes.get("Plugin-Id"));
        List<Path> folders = new ArrayList<>(classFolders);
        if (!sources.isEmpty()) {
          Path classes = work.resolve("classes");
          compile(sources, work.resolve("src"), classes);
          folders.add(classes);
        }
        Path jar = outDir.resolve(fileName);
        write(jar, folders);
        return jar;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void write(Path jar, List<Path> folders) throws IOException {
      Manifest mf = new Manifest();
      Attributes a = mf.getMainAttributes();
      a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      attributes.forEach(a::putValue);
      List<String> written = new ArrayList<>();
      try (OutputStream os = Files.newOutputStream(jar);
          JarOutputStream jos = new JarOutputStream(os, mf)) {
        for (Path folder : folders) {
          try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
              String name = folder.relativize(p).toString().replace('\\', '/');
              if (name.equals("META-INF/MANIFEST.MF") || written.contains(name)) {
                continue;
              }
              written.add(name);
              jos.putNextEntry(new JarEntry(name));
              jos.write(Files.readAllBytes(p));
              jos.closeEntry();
            }
          }
        }
      }
    }
  }

  /**
   * The test's class path. Under Surefire's default that is one manifest-only jar whose {@code
   * Class-Path} lists the real entries, which javac does not follow as a JVM does.
   */
  static String classPath() throws IOException {
    String cp = System.getProperty("java.class.path");
    String[] parts = cp.split(File.pathSeparator);
    if (parts.length != 1 || !parts[0].endsWith(".jar")) {
      return cp;
    }
    Path booter = Path.of(parts[0]).toAbsolutePath();
    try (JarFile jar = new JarFile(booter.toFile())) {
      Manifest mf = jar.getManifest();
      String listed = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
      if (listed == null || listed.isBlank()) {
        return cp;
      }
      List<String> entries = new ArrayList<>(List.of(booter.toString()));
      for (String entry : listed.trim().split("\\s+")) {
        URI uri = booter.getParent().toUri().resolve(entry);
        entries.add(Path.of(uri).toString());
      }
      return String.join(File.pathSeparator, entries);
    }
  }

  private static void compile(Map<String, String> sources, Path src, Path classes)
      throws IOException {
    Files.createDirectories(classes);
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      files.add(f);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
    }
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      List<String> options =
          List.of("-d", classes.toString(), "-classpath", classPath(), "--release", "17");
      if (!javac.getTask(out, fm, null, options, null, units).call()) {
        throw new IllegalStateException("plugin sources do not compile:\n" + out);
      }
    }
  }
}
