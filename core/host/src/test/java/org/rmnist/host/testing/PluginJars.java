package org.rmnist.host.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real PF4J plugin jars in a test's temp folder: compiles Java sources against the test class
 * path (PF4J's annotation processor writes {@code META-INF/extensions.idx}) and writes a jar whose
 * manifest names the plugin.
 */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (file name → Java text) into {@code outDir/<pluginId>.jar}.
   *
   * @return the jar
   */
  public static Path build(Path outDir, String pluginId, String version, Map<String, String> sources) {
    try {
      Path work = Files.createTempDirectory(outDir.getParent() == null ? outDir : outDir.getParent(),
          "build-" + pluginId);
      Path src = work.resolve("src");
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path f = src.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
        files.add(f);
      }
      compile(files, classes);
      Files.createDirectories(outDir);
      Path jar = outDir.resolve(pluginId + ".jar");
      Manifest mf = new Manifest();
      Attributes a = mf.getMainAttributes();
      a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      a.putValue("Plugin-Id", pluginId);
      a.putValue("Plugin-Version", version);
      a.putValue("Plugin-Provider", "tests");
      try (OutputStream os = Files.newOutputStream(jar);
          JarOutputStream jos = new JarOutputStream(os, mf);
          Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          jos.write(Files.readAllBytes(p));
          jos.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a fixture source from the test resources ({@code fixtures/NAME}), with replacements. */
  public static String fixture(String name, String... replacements) {
    try (var in = PluginJars.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      String s = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i + 1 < replacements.length; i += 2) {
        s = s.replace(replacements[i], replacements[i + 1]);
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void compile(List<Path> files, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      List<String> options = List.of("-d", classes.toString(), "-classpath",
          System.getProperty("java.class.path"), "--release", "17");
      boolean ok = javac.getTask(out, fm, null, options, null, units).call();
      if (!ok) {
        throw new IllegalStateException("fixture plugin does not compile:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
