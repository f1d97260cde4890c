package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Project rules that a reader cannot check by eye across every file. */
class SourceRulesTest {
  /** Unseeded or global randomness: results would not be reproducible. */
  private static final Pattern UNSEEDED =
      Pattern.compile(
          "Math\\.random\\(|new Random\\(\\)|new SplittableRandom\\(\\)|ThreadLocalRandom"
              + "|Collections\\.shuffle\\([^,()]*\\)");

  /** The host must not know a concrete plugin, and a plugin must not know another. */
  private static final Pattern PLUGIN_IMPORT = Pattern.compile("import org\\.rmnist\\.plugins\\.");

  private static List<Path> mainSources() throws Exception {
    try (Stream<Path> s = Files.walk(Cli.ROOT)) {
      return s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList();
    }
  }

  @Test
  void noUnseededRandomness() throws Exception {
    List<String> bad = new ArrayList<>();
    List<Path> files = mainSources();
    assertTrue(files.size() > 40, "found the sources: " + files.size());
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        if (UNSEEDED.matcher(lines.get(i)).find()) {
          bad.add(Cli.ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void hostAndPluginsOnlyKnowTheApi() throws Exception {
    List<String> bad = new ArrayList<>();
    for (Path f : mainSources()) {
      String rel = Cli.ROOT.relativize(f).toString();
      String own = rel.startsWith("plugins/") ? rel.split("/")[1] : null;
      for (String line : Files.readAllLines(f)) {
        if (!PLUGIN_IMPORT.matcher(line).find()) {
          continue;
        }
        boolean ownPackage =
            own != null
                && line.contains(
                    "org.rmnist.plugins." + own.replace("rmnist-", "").replace("-", "") + ".");
        if (!ownPackage) {
          bad.add(rel + ": " + line.strip());
        }
      }
    }
    assertEquals(List.of(), bad);
  }
}
