package org.rmnist.host.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rmnist.host.ConfigException;
import org.rmnist.host.data.DataManifest;

/**
 * A pretrained network described in {@code models/<name>.yaml}: where its file comes from (URLs,
 * SHA-256), which feature extractor reads it and with which parameters (input name and size,
 * channels, resize, mean/std, default layer), and short names for its useful layers.
 *
 * @param name the manifest's name (its file name without {@code .yaml})
 * @param description one line
 * @param license the weights' licence
 * @param source where the weights come from (paper, model zoo, or the command that made them)
 * @param file the model file's name, in the same folder as the manifest
 * @param sha256 hex SHA-256 of the file
 * @param urls download locations, tried in order; empty for models made here
 * @param extractor the feature extractor extension that reads the file (e.g. {@code onnx})
 * @param params the extractor's parameters, without the path (the host adds it)
 * @param layers short names (penultimate, earlier, ...) for tensor names, usable as {@code layer}
 */
public record ModelManifest(
    String name,
    String description,
    String license,
    String source,
    String file,
    String sha256,
    List<String> urls,
    String extractor,
    Map<String, Object> params,
    Map<String, String> layers) {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .enable(
                      com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .disable(
                      com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature
                          .WRITE_DOC_START_MARKER)
                  .build())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public ModelManifest {
    urls = urls == null ? List.of() : List.copyOf(urls);
    params = params == null ? Map.of() : params;
    layers = layers == null ? Map.of() : Map.copyOf(layers);
  }

  /** What a manifest's name may be: a plain file name, so that it stays in its folder. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * Checks a model name given by the user (a manifest {@code <name>.yaml} in a models folder).
   *
   * @throws ConfigException when it is not a plain name (a path, {@code ..}, a URL)
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ConfigException(
          "model name '"
              + name
              + "': expected letters, digits, '.', '_' "
              + "or '-' (the manifest models/NAME.yaml), not a path");
    }
    return name;
  }

  /**
   * Reads and checks {@code <dir>/<name>.yaml}: its file must lie in {@code dir} and its URLs must
   * be http(s) downloads.
   *
   * @throws ConfigException naming the manifest, the key and the value that is wrong
   */
  public static ModelManifest load(Path dir, String name) {
    checkName(name);
    Path f = dir.resolve(name + ".yaml");
    if (!Files.isRegularFile(f)) {
      throw new ConfigException(
          "no model manifest '"
              + name
              + "' (expected "
              + f
              + "); known: "
              + String.join(", ", known(dir)));
    }
    ModelManifest m;
    try {
      m = YAML.readValue(f.toFile(), ModelManifest.class);
    } catch (IOException e) {
      throw new ConfigException(f + ": " + e.getMessage(), e);
    }
    require(f, "file", m.file());
    require(f, "extractor", m.extractor());
    if (m.sha256() == null || !m.sha256().matches("[0-9a-f]{64}")) {
      throw new ConfigException(
          f + ": sha256: expected 64 lower-case hex digits, got '" + m.sha256() + "'");
    }
    if (!name.equals(m.name())) {
      throw new ConfigException(
          f + ": name: expected '" + name + "' (the file's name), got '" + m.name() + "'");
    }
    checkFile(f, dir, m.file());
    for (int i = 0; i < m.urls().size(); i++) {
      String u = m.urls().get(i);
      if (u == null || !(u.startsWith("https://") || u.startsWith("http://"))) {
        throw new ConfigException(
            f
                + ": urls["
                + i
                + "]: '"
                + u
                + "': only http:// and "
                + "https:// URLs are downloaded; to copy a local file use `rmnist models fetch "
                + name
                + " --from FILE`");
      }
    }
    if (m.params().containsKey("path")) {
      throw new ConfigException(
          f + ": params.path: leave it out; the model file is 'file', " + "next to the manifest");
    }
    return m;
  }

  /** The model file must be a relative path that stays in the manifest's folder. */
  private static void checkFile(Path f, Path dir, String file) {
    String why = null;
    if (file.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      why = "is a URL; give the file's name (URLs go under 'urls')";
    } else if (file.startsWith("/") || file.startsWith("\\") || Path.of(file).isAbsolute()) {
      why = "is an absolute path";
    } else {
      Path base = dir.toAbsolutePath().normalize();
      if (!base.resolve(file).normalize().startsWith(base)
          || List.of(file.split("[/\\\\]")).contains("..")) {
        why = "leaves the manifest's folder";
      }
    }
    if (why != null) {
      throw new ConfigException(
          f
              + ": file: '"
              + file
              + "' "
              + why
              + "; the model file must "
              + "lie in "
              + dir
              + " beside its manifest, e.g. 'file: model.onnx'");
    }
  }

  private static void require(Path f, String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(f + ": " + key + ": missing");
    }
  }

  /** Names of the manifests in {@code dir}, sorted. */
  public static List<String> known(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The model file, next to the manifest in {@code dir}. */
  public Path path(Path dir) {
    return dir.resolve(file);
  }

  /**
   * The extractor's parameters: the manifest's, the model file's path, then {@code overrides}; a
   * {@code layer} that is one of {@link #layers()}' short names becomes its tensor name.
   */
  public Map<String, Object> extractorParams(Path dir, Map<String, Object> overrides) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put("path", path(dir).toString());
    p = new LinkedHashMap<>(org.rmnist.host.config.Params.merge(p, overrides));
    Object layer = p.get("layer");
    if (layer instanceof String s && layers.containsKey(s)) {
      p.put("layer", layers.get(s));
    }
    return p;
  }

  /** The file as a one-file data manifest, so the data fetcher downloads and verifies it. */
  public DataManifest asDownload() {
    return new DataManifest(
        name, description, license, List.of(new DataManifest.FileEntry(file, urls, sha256, true)));
  }

  /** Writes this manifest to {@code <dir>/<name>.yaml}, replacing it atomically. */
  public void write(Path dir) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("description", description);
    m.put("license", license);
    m.put("source", source);
    m.put("file", file);
    m.put("sha256", sha256);
    m.put("urls", urls);
    m.put("extractor", extractor);
    m.put("params", params);
    m.put("layers", layers);
    Files.createDirectories(dir);
    org.rmnist.support.AtomicFiles.writeString(
        dir.resolve(name + ".yaml"),
        "# Written by rmnist; " + description + "\n" + YAML.writeValueAsString(m));
  }
}
