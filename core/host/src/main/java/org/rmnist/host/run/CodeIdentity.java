package org.rmnist.host.run;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmnist.host.plugin.PluginHost.PluginInfo;
import org.rmnist.host.util.FileHashes;
import org.rmnist.host.util.Home;

/**
 * Which code and machine made a result: the git commit, the SHA-256 of the host's jar and of each
 * plugin jar a run used, the CPU, Java, and the engine versions on the host's class path. Each run
 * records it in {@code done.json}. It is not part of the run hash: a commit or a machine change
 * would then rerun every experiment, and results could not be compared across machines. Instead a
 * finished run whose plugin jars differ from the current ones is "stale": reported, kept, and rerun
 * on request. Jars build reproducibly, so a rebuild alone changes no hash. The host jar is recorded
 * but not compared: it changes with every edit of the command line or its messages, which would
 * mark every result stale.
 */
final class CodeIdentity {
  /** Engine libraries the host can see, by jar name: name, then the version's group. */
  private static final Map<String, Pattern> ENGINES =
      Map.of(
          "djl", Pattern.compile("^pytorch-engine-(\\d[\\w.]*)\\.jar$"),
          "pytorch", Pattern.compile("^pytorch-jni-(\\d[\\d.]*)-[\\d.]+\\.jar$"),
          "onnxruntime", Pattern.compile("^onnxruntime-(\\d[\\w.]*)\\.jar$"),
          "tensorflow", Pattern.compile("^tensorflow-core-api-(\\d[\\w.]*)\\.jar$"));

  private final Map<String, Object> common = new LinkedHashMap<>();

  CodeIdentity() {
    String commit = git("rev-parse", "HEAD");
    String status = git("status", "--porcelain", "--untracked-files=no");
    common.put("git_commit", commit);
    common.put("git_dirty", status == null ? null : !status.isBlank());
    common.put("host_sha256", jarSha256(hostJar()));
    common.put("cpu", cpu());
    common.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    common.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    common.put("engines", engines());
  }

  /** The parts every run shares (commit, host jar, machine, engines). */
  Map<String, Object> common() {
    return new LinkedHashMap<>(common);
  }

  /** What a run made by {@code plugins} records. */
  Map<String, Object> of(List<PluginInfo> plugins) {
    Map<String, Object> m = new LinkedHashMap<>(common);
    Map<String, Object> jars = new TreeMap<>();
    for (PluginInfo p : plugins) {
      jars.put(p.id(), Map.of("version", p.version(), "sha256", jarSha256(p.path())));
    }
    m.put("plugins", jars);
    return m;
  }

  /**
   * What differs between the code a finished run recorded and the current code, one phrase each
   * ("plugin convnet: jar 1a2b3c4d then, 5e6f7a8b now"); empty when nothing differs or nothing was
   * recorded.
   */
  List<String> differences(Map<?, ?> recorded, List<PluginInfo> plugins) {
    List<String> out = new ArrayList<>();
    if (recorded == null) {
      return out;
    }
    if (recorded.get("plugins") instanceof Map<?, ?> then) {
      for (PluginInfo p : plugins) {
        String now = jarSha256(p.path());
        Object was = then.get(p.id()) instanceof Map<?, ?> m ? m.get("sha256") : null;
        if (was != null && !"".equals(was) && !now.isEmpty() && !was.equals(now)) {
          out.add(
              "plugin " + p.id() + ": jar " + shortHash(was) + " then, " + shortHash(now) + " now");
        }
      }
    }
    return out;
  }

  private static String shortHash(Object sha) {
    String s = sha.toString();
    return s.length() > 12 ? s.substring(0, 12) : s;
  }

  /** SHA-256 of a jar file; empty for a folder of classes (a build tree: nothing to compare). */
  static String jarSha256(Path path) {
    try {
      return path != null && Files.isRegularFile(path) ? FileHashes.bytes(path) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static Path hostJar() {
    try {
      var src = CodeIdentity.class.getProtectionDomain().getCodeSource();
      return src == null ? null : Path.of(src.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> engines() {
    Map<String, String> found = new TreeMap<>();
    for (String entry :
        System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      String name =
          Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
      for (Map.Entry<String, Pattern> e : ENGINES.entrySet()) {
        Matcher m = e.getValue().matcher(name);
        if (m.matches()) {
          found.put(e.getKey(), m.group(1));
        }
      }
    }
    return found;
  }

  /** The CPU's model name (Linux), else the architecture; plus the processor count. */
  private static String cpu() {
    String model = System.getProperty("os.arch");
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      try {
        for (String line : Files.readAllLines(info)) {
          if (line.startsWith("model name")) {
            model = line.substring(line.indexOf(':') + 1).strip();
            break;
          }
        }
      } catch (IOException e) {
        // keep the architecture
      }
    }
    return model + " x" + Runtime.getRuntime().availableProcessors();
  }

  private static String git(String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git", "-C", Home.root().toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
