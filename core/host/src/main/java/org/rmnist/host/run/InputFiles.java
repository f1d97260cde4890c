package org.rmnist.host.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rmnist.api.DataContext;
import org.rmnist.api.DataFile;
import org.rmnist.api.DataFormatException;
import org.rmnist.host.data.DataManifest;
import org.rmnist.host.models.ModelManifest;
import org.rmnist.host.util.FileHashes;
import org.rmnist.host.util.Json;

/**
 * The files runs read, found and hashed once before any run: each data set's files (checked against
 * {@code data/<name>/manifest.yaml} when it has one) and each feature extractor's model (checked
 * against its model manifest). Their hashes go into the run hashes. A missing file is an error
 * before anything is trained; for a dry run it is a note, and the runs it concerns stay "todo". A
 * file whose hash differs from the manifest's is always an error.
 */
final class InputFiles {
  /** Stands for the hashes of files that are not there (dry runs only). */
  static final SortedMap<String, String> MISSING = new TreeMap<>(Map.of("?", "missing"));

  private final DataContext data;
  private final Path root;
  private final boolean strict;
  private final Map<String, SortedMap<String, String>> dataHashes = new HashMap<>();
  private final Map<String, FeatureStage.Features> models = new HashMap<>();

  /** Per missing file's message, the YAML paths that need it. */
  private final Map<String, Set<String>> missing = new LinkedHashMap<>();

  /**
   * @param root the project root, whose {@code data/} holds the data manifests
   * @param strict whether a missing file is an error (else a note)
   */
  InputFiles(DataContext data, Path root, boolean strict) {
    this.data = data;
    this.root = root;
    this.strict = strict;
  }

  /** What a dry run could not find, once per file, with the YAML paths that need it. */
  List<String> notes() {
    List<String> list = new ArrayList<>();
    missing.forEach(
        (why, where) -> list.add(why + " (needed by " + String.join(", ", where) + ")"));
    return list;
  }

  private void note(String where, Exception e) {
    missing.computeIfAbsent(PluginFailure.message(e), k -> new LinkedHashSet<>()).add(where);
  }

  /** SHA-256 of each file the data set reads, by name (its content, decompressed when gzip). */
  SortedMap<String, String> data(Bound.Data<?> dataset, String where) throws IOException {
    String key = Json.line(dataset.identity());
    SortedMap<String, String> known = dataHashes.get(key);
    if (known != null) {
      return known;
    }
    List<DataFile> files;
    try {
      files = PluginFailure.guard(dataset, "listing its files", () -> dataset.files(data));
    } catch (NoSuchFileException e) {
      if (strict) {
        throw e;
      }
      note(where, e);
      dataHashes.put(key, MISSING);
      return MISSING;
    }
    SortedMap<String, String> hashes = new TreeMap<>();
    for (DataFile f : files) {
      String actual = FileHashes.content(f.path());
      check(f, actual);
      hashes.put(f.name(), actual);
    }
    dataHashes.put(key, hashes);
    return hashes;
  }

  private void check(DataFile f, String actual) throws DataFormatException {
    Path manifestFile = root.resolve("data").resolve(f.dataset()).resolve("manifest.yaml");
    if (!Files.isRegularFile(manifestFile)) {
      return;
    }
    DataManifest m = DataManifest.load(root, f.dataset());
    for (DataManifest.FileEntry e : m.files()) {
      if (e.name().equals(f.name()) && !e.sha256().equals(actual)) {
        throw new DataFormatException(
            f.path()
                + ": the SHA-256 of its content is "
                + actual
                + ", but "
                + manifestFile
                + " expects "
                + e.sha256()
                + " for "
                + f.name()
                + "; the file is damaged or not the published one. Get it again with `bin/rmnist "
                + "data fetch "
                + f.dataset()
                + "` (which verifies every file), or point "
                + "RMNIST_DATA at a good copy.");
      }
    }
  }

  /** The feature step with the SHA-256 of the model it reads, as found on disk. */
  FeatureStage.Features model(FeatureStage.Features f, String where) throws IOException {
    String key = Json.line(f.identity());
    FeatureStage.Features known = models.get(key);
    if (known != null) {
      return known;
    }
    try {
      f.requireModelFile();
    } catch (NoSuchFileException e) {
      if (strict) {
        throw e;
      }
      note(where, e);
      models.put(key, f);
      return f;
    }
    Optional<String> pinned = Optional.empty();
    if (f.manifest().isPresent() && f.modelFile().isPresent()) {
      ModelManifest man = f.manifest().get();
      Path file = f.modelFile().get();
      String actual = FileHashes.bytes(file);
      if (!actual.equals(man.sha256())) {
        throw new DataFormatException(
            file
                + ": its SHA-256 is "
                + actual
                + ", but model "
                + "manifest "
                + file.resolveSibling(man.name() + ".yaml")
                + " expects "
                + man.sha256()
                + "; the file was changed or replaced. Get it again with "
                + "`bin/rmnist models fetch "
                + man.name()
                + "`, or write a manifest for the new "
                + "file.");
      }
      pinned = Optional.of(actual);
    }
    Optional<String> own =
        PluginFailure.guard(
            f.extractor(),
            "hashing its model",
            () -> f.extractor().modelSha256(FeatureStage.context(1)));
    String sha = own.orElse(pinned.orElse(null));
    FeatureStage.Features hashed = sha == null ? f : f.withModelSha256(sha);
    models.put(key, hashed);
    return hashed;
  }
}
