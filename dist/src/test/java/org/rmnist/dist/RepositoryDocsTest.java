package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Files in the repository cite only files in the repository. */
class RepositoryDocsTest {
  /** Notes kept beside the repository, which a clone does not have. */
  private static final Pattern OUTSIDE =
      Pattern.compile("\\b(PLATFORM|ANCHORS|STYLE)\\.md\\b|\\.\\./shared/[A-Za-z_-]+\\.md");

  /** Citations of the repository's own documents. */
  private static final Pattern OWN_DOC =
      Pattern.compile("\\b(docs/[A-Za-z0-9_-]+\\.md|CONTRIBUTING\\.md|bench/README\\.md)");

  /** Build output, downloads and results: not the repository's own text. */
  private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules");

  private static List<Path> textFiles() throws Exception {
    try (Stream<Path> s = Files.walk(Cli.ROOT)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                Path rel = Cli.ROOT.relativize(p);
                for (Path part : rel) {
                  if (SKIPPED.contains(part.toString())) {
                    return false;
                  }
                }
                String r = rel.toString();
                String n = p.getFileName().toString();
                if (r.startsWith("results/") || r.startsWith("bench/out/")) {
                  return false;
                }
                return n.matches(".*\\.(java|md|py|yaml|yml|xml|sh)")
                    || r.startsWith("bin/")
                    || r.startsWith(".ci/")
                    || r.startsWith("bench/") && !n.contains(".");
              })
          .toList();
    }
  }

  @Test
  void noFileCitesNotesOutsideTheRepositoryAndCitedDocsExist() throws Exception {
    List<Path> files = textFiles();
    assertTrue(files.size() > 100, "found the files: " + files.size());
    assertTrue(files.contains(Cli.ROOT.resolve("README.md")), "README.md is scanned");
    assertTrue(files.contains(Cli.ROOT.resolve("bench/convnet")), "scripts are scanned");
    List<String> bad = new ArrayList<>();
    for (Path f : files) {
      if (f.getFileName().toString().equals("RepositoryDocsTest.java")) {
        continue;
      }
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        String where = Cli.ROOT.relativize(f) + ":" + (i + 1) + ": ";
        if (OUTSIDE.matcher(lines.get(i)).find()) {
          bad.add(where + lines.get(i).strip());
        }
        Matcher m = OWN_DOC.matcher(lines.get(i));
        while (m.find()) {
          if (!Files.isRegularFile(Cli.ROOT.resolve(m.group(1)))) {
            bad.add(where + "cites " + m.group(1) + ", which is not in the repository");
          }
        }
      }
    }
    assertEquals(List.of(), bad);
  }
}
