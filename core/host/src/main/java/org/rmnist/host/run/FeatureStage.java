package org.rmnist.host.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Progress;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.FeatureSpec;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.models.ModelManifest;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.plugin.PluginHost.Registered;
import org.rmnist.host.util.Home;
import org.rmnist.support.AtomicFiles;
import org.rmnist.support.Sha256;

/**
 * A run's feature step: every image set the model sees (the statically expanded training set and
 * each evaluation split) goes through the run's feature extractor first. Features are kept on disk
 * under {@code <cache>/<key>.f32}, keyed by the extractor's own cache key (model content, layer,
 * preprocessing), its plugin's jar and a hash of the images' pixels (so of the data draw and its
 * augmentation): a second run, or another experiment over the same images, reads them instead of
 * recomputing.
 */
final class FeatureStage {
  private final Path cache;

  /**
   * A run's extractor with its bound config; {@code manifest} and {@code modelFile} when the
   * network comes from a model manifest (else empty); {@code modelSha256} the SHA-256 of the model
   * the extractor reads, as found on disk before training (empty when it reads none).
   */
  record Features(
      Bound.Extractor<?> extractor,
      boolean standardize,
      Optional<ModelManifest> manifest,
      Optional<Path> modelFile,
      Optional<String> modelSha256) {

    /** The same, with the model's hash as found on disk. */
    Features withModelSha256(String sha256) {
      return new Features(extractor, standardize, manifest, modelFile, Optional.of(sha256));
    }

    Map<String, Object> identity() {
      Map<String, Object> m = extractor.identity();
      Map<String, Object> c = new LinkedHashMap<>(ConfigBinder.toMap(extractor.config()));
      // A manifest's file is named by its SHA-256 below, not by where this checkout keeps it:
      // the same run in another clone keeps its hash.
      manifest.ifPresent(man -> c.put("path", man.file()));
      m.put("config", c);
      m.put("standardize", standardize);
      manifest.ifPresent(man -> m.put("model", man.name()));
      modelSha256.ifPresent(sha -> m.put("model_sha256", sha));
      return m;
    }

    /** An error when the manifest's model file is not there, saying how to get it. */
    void requireModelFile() throws java.nio.file.NoSuchFileException {
      if (modelFile.isEmpty() || manifest.isEmpty() || Files.isRegularFile(modelFile.get())) {
        return;
      }
      ModelManifest man = manifest.get();
      throw new java.nio.file.NoSuchFileException(
          modelFile.get().toString(),
          null,
          "the file of model '"
              + man.name()
              + "' is missing; get it with `rmnist models fetch "
              + man.name()
              + "`"
              + (man.urls().isEmpty()
                  ? " --from FILE, or make it again (its manifest says: " + man.source() + ")"
                  : ""));
    }
  }

  /** The images as features, and what it took. */
  record Result(ImageSet train, Map<String, ImageSet> eval, Map<String, Object> facts) {}

  FeatureStage(Path cache) {
    this.cache = cache;
  }

  /** Binds a run's {@code features} section, or returns empty when it has none. */
  static Optional<Features> bind(RunSpec rs, PluginHost host, String at) {
    FeatureSpec f = rs.features();
    if (f == null) {
      return Optional.empty();
    }
    if (!rs.onTheFly().isEmpty()) {
      throw new ConfigException(
          at
              + ".onTheFly: per-epoch distortions cannot be combined with "
              + "features (features are computed once per image set); use augment (a static "
              + "expansion) instead");
    }
    return Optional.of(bind(f, host, at + ".features"));
  }

  /** Binds a {@code features} section found at {@code at} (a run's, or a builder's). */
  static Features bind(FeatureSpec f, PluginHost host, String at) {
    String id = f.extractor();
    Map<String, Object> params = f.params();
    ModelManifest manifest = null;
    Path modelFile = null;
    if (f.model() != null && !f.model().isBlank()) {
      Path dir = Home.modelDir(f.model());
      try {
        manifest = ModelManifest.load(dir, f.model());
      } catch (ConfigException e) {
        throw new ConfigException(at + ".manifest: " + e.getMessage(), e);
      }
      if (id != null && !id.isBlank() && !id.equals(manifest.extractor())) {
        throw new ConfigException(
            at
                + ".id: '"
                + id
                + "' but manifest '"
                + f.model()
                + "' is read by '"
                + manifest.extractor()
                + "'; leave id out");
      }
      id = manifest.extractor();
      params = manifest.extractorParams(dir, params);
      modelFile = manifest.path(dir);
    }
    if (id == null || id.isBlank()) {
      throw new ConfigException(
          at
              + ".id: missing; expected a feature extractor id "
              + "(see `rmnist plugins`) or a model manifest name in features.manifest");
    }
    Registered ex = host.get(ExtensionKind.FEATURE_EXTRACTOR, id, at + ".id");
    return new Features(
        Bound.extractor(ex, params, at + ".params"),
        f.standardize(),
        Optional.ofNullable(manifest),
        Optional.ofNullable(modelFile),
        Optional.empty());
  }

  /** What the extractor gets: the model roots, no progress, {@code threads} threads. */
  static ExtractorContext context(int threads) {
    return new ExtractorContext(Home.modelRoots(), Progress.NONE, threads);
  }

  Result apply(Features bound, ImageSet train, Map<String, ImageSet> eval, int threads)
      throws IOException {
    bound.requireModelFile();
    ExtractorContext ctx = context(threads);
    Map<String, Object> facts = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    ImageSet ft;
    Map<String, ImageSet> fe = new LinkedHashMap<>();
    String code = code(bound.extractor().plugin());
    try (Featurizer fz = bound.extractor().open(ctx)) {
      facts.put("dimension", fz.dimension());
      ft = features(fz, code, train, "train", facts);
      for (Map.Entry<String, ImageSet> e : eval.entrySet()) {
        fe.put(e.getKey(), features(fz, code, e.getValue(), e.getKey(), facts));
      }
    }
    if (bound.standardize()) {
      float[][] stats = meanAndScale(ft);
      ft = standardized(ft, stats);
      for (Map.Entry<String, ImageSet> e : fe.entrySet()) {
        e.setValue(standardized(e.getValue(), stats));
      }
    }
    facts.put("seconds", (System.nanoTime() - t0) / 1e9);
    return new Result(ft, fe, facts);
  }

  /**
   * The extractor's code, part of every cache key, so features an earlier version of the plugin
   * computed are not reused: its jar's SHA-256, or its id and version when it is a folder of
   * classes.
   */
  static String code(PluginHost.PluginInfo plugin) {
    String sha = CodeIdentity.jarSha256(plugin.path());
    return sha.isEmpty() ? plugin.id() + "@" + plugin.version() : sha;
  }

  private ImageSet features(
      Featurizer fz, String code, ImageSet images, String name, Map<String, Object> facts)
      throws IOException {
    int dim = fz.dimension();
    String key = Sha256.hex(fz.cacheKey() + "\n" + code + "\n" + pixelHash(images));
    Path file = cache.resolve(key.substring(0, 2)).resolve(key + ".f32");
    // one worker computes a set's features while the others wait for them, rather than all at once
    float[] x =
        FolderLock.with(
            file.getParent(), "." + key + ".lock", () -> cached(fz, file, images, name, facts));
    return new ImageSet(x, images.labels(), new ImageShape(dim, 1, 1), images.sourceIndices());
  }

  private float[] cached(
      Featurizer fz, Path file, ImageSet images, String name, Map<String, Object> facts)
      throws IOException {
    int dim = fz.dimension();
    float[] x = read(file, images.size(), dim);
    facts.put(name + "_cache", x != null ? "hit" : "computed");
    if (x == null) {
      x = fz.extract(images);
      if (x.length != images.size() * dim) {
        throw new IllegalStateException(
            "feature extractor returned "
                + x.length
                + " values for "
                + images.size()
                + " images of dimension "
                + dim);
      }
      write(file, x, images.size(), dim);
    }
    return x;
  }

  /** The cached features, or null when absent or not of the expected size. */
  private static float[] read(Path file, int rows, int dim) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != 8 + 4L * rows * dim) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt() != rows || b.getInt() != dim) {
      return null;
    }
    float[] x = new float[rows * dim];
    b.asFloatBuffer().get(x);
    return x;
  }

  private static void write(Path file, float[] x, int rows, int dim) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(rows).putInt(dim);
    b.asFloatBuffer().put(x);
    Files.createDirectories(file.getParent());
    AtomicFiles.write(file, b.array());
  }

  /** Per feature: mean, and 1 / standard deviation (1 where a feature is constant). */
  private static float[][] meanAndScale(ImageSet train) {
    int d = train.shape().size();
    int n = train.size();
    double[] sum = new double[d];
    double[] sq = new double[d];
    float[] x = train.pixels();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j];
        sum[j] += v;
        sq[j] += v * v;
      }
    }
    float[] mean = new float[d];
    float[] scale = new float[d];
    for (int j = 0; j < d; j++) {
      double m = sum[j] / n;
      double var = Math.max(0, sq[j] / n - m * m);
      mean[j] = (float) m;
      scale[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
    }
    return new float[][] {mean, scale};
  }

  private static ImageSet standardized(ImageSet set, float[][] stats) {
    int d = set.shape().size();
    float[] x = set.pixels().clone();
    for (int i = 0; i < set.size(); i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (x[i * d + j] - stats[0][j]) * stats[1][j];
      }
    }
    return new ImageSet(x, set.labels(), set.shape(), set.sourceIndices());
  }

  /** SHA-256 over the shape and the pixel values of every image. */
  static String pixelHash(ImageSet images) {
    MessageDigest md = Sha256.newDigest();
    md.update(images.shape().toString().getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
    float[] px = images.pixels();
    for (int i = 0; i < px.length; i += 4096) {
      b.clear();
      int end = Math.min(px.length, i + 4096);
      for (int j = i; j < end; j++) {
        b.putFloat(px[j]);
      }
      md.update(b.array(), 0, b.position());
    }
    return Sha256.hex(md.digest());
  }
}
