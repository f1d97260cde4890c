package org.rmnist.host.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rmnist.host.ConfigException;

/**
 * {@code data/<name>/manifest.yaml}: the files of a data set, where to download them, and the
 * SHA-256 of each file's decompressed content (what is verified, whatever the compression).
 *
 * @param name data set name (the folder name)
 * @param description one line
 * @param license the data's licence
 * @param files the files
 */
public record DataManifest(String name, String description, String license, List<FileEntry> files) {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /**
   * One file.
   *
   * @param name file name without {@code .gz}
   * @param urls download locations, tried in order (each serves the gzip file)
   * @param sha256 hex SHA-256 of the decompressed content
   * @param required whether the data set is unusable without it
   */
  public record FileEntry(String name, List<String> urls, String sha256, Boolean required) {
    public FileEntry {
      urls = urls == null ? List.of() : List.copyOf(urls);
      required = required == null || required;
    }
  }

  /** Reads and checks {@code data/<name>/manifest.yaml} under the project root. */
  public static DataManifest load(Path root, String name) {
    Path file = root.resolve("data").resolve(name).resolve("manifest.yaml");
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          "no manifest for data set '" + name + "' (expected " + file + "); known: " + known(root));
    }
    DataManifest m;
    try {
      m = YAML.readValue(file.toFile(), DataManifest.class);
    } catch (IOException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
    if (m.files() == null || m.files().isEmpty()) {
      throw new ConfigException(file + ": files: at least one file is needed");
    }
    for (FileEntry f : m.files()) {
      if (f.name() == null || f.sha256() == null || !f.sha256().matches("[0-9a-f]{64}")) {
        throw new ConfigException(
            file
                + ": files."
                + f.name()
                + ": needs a name and a 64-hex-digit sha256, got '"
                + f.sha256()
                + "'");
      }
      if (!f.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new ConfigException(
            file
                + ": files."
                + f.name()
                + ": name: expected a plain file "
                + "name (letters, digits, '.', '_', '-'), not a path");
      }
      for (String u : f.urls()) {
        if (!u.startsWith("https://") && !u.startsWith("http://")) {
          throw new ConfigException(
              file
                  + ": files."
                  + f.name()
                  + ": urls: '"
                  + u
                  + "': only http:// and https:// URLs are downloaded");
        }
      }
    }
    return m;
  }

  private static String known(Path root) {
    try (var s = Files.list(root.resolve("data"))) {
      return String.join(
          ", ",
          s.filter(p -> Files.isRegularFile(p.resolve("manifest.yaml")))
              .map(p -> p.getFileName().toString())
              .sorted()
              .toList());
    } catch (IOException e) {
      return "(none)";
    }
  }
}
