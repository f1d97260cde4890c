package org.rmnist.host.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.DataContext;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.Splits;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.BuildSpec;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.util.FileHashes;
import org.rmnist.host.util.Json;

/**
 * Data sets whose training images a {@link org.rmnist.api.TrainingSetBuilder} makes
 * (super-trainers): the data set is asked for its whole pool (request n = 0: for RMNIST the 50,000
 * images draws come from), the pool (and its features, when the builder works in a feature space)
 * goes to the builder, and what it returns replaces the draw; validation and test come from the
 * data set as usual and never reach the builder. A built set is kept under {@code
 * <cache>/training-sets/} keyed by SHA-256 of everything that determines it (builder, its config
 * and plugin version, data set, data files, feature extractor and model, N, seed), so every model
 * and training seed reuses one build, across experiments too; workers building the same set take
 * turns.
 */
final class TrainingSets {
  /** Cache format; bump when the file layout changes. */
  static final String FORMAT = "rmnist-built-set-1";

  private TrainingSets() {}

  /**
   * A data set's bound builder, the feature space it works in, and the builder whose set it starts
   * from (built first, cached on its own).
   */
  record Maker(
      Bound.Maker<?> builder, Optional<FeatureStage.Features> features, Optional<Maker> start) {
    Map<String, Object> identity() {
      Map<String, Object> m = builder.identity();
      features.ifPresent(f -> m.put("features", f.identity()));
      start.ifPresent(s -> m.put("start", s.identity()));
      return m;
    }

    /** The same, with the feature model's hash as found on disk. */
    Maker withFeatures(FeatureStage.Features f) {
      return new Maker(builder, Optional.of(f), start);
    }

    /** The same, starting from {@code s}. */
    Maker withStart(Maker s) {
      return new Maker(builder, features, Optional.of(s));
    }

    /** This builder and those it starts from, outermost first. */
    List<Maker> chain() {
      List<Maker> all = new ArrayList<>();
      for (Optional<Maker> m = Optional.of(this); m.isPresent(); m = m.get().start()) {
        all.add(m.get());
      }
      return all;
    }
  }

  /** Binds a data set's {@code build} section found at {@code at}. */
  static Maker bind(BuildSpec spec, PluginHost host, String at) {
    var reg = host.get(ExtensionKind.TRAINING_SET_BUILDER, spec.id(), at + ".id");
    Bound.Maker<?> maker = Bound.maker(reg, spec.params(), at + ".params");
    Optional<FeatureStage.Features> features =
        spec.features() == null
            ? Optional.empty()
            : Optional.of(FeatureStage.bind(spec.features(), host, at + ".features"));
    if (maker.usesFeatures() && features.isEmpty()) {
      throw new ConfigException(
          at
              + ".features: missing; builder '"
              + spec.id()
              + "' with these params works in a feature space: name a feature extractor or a "
              + "models/ manifest (features: {manifest: NAME}), or choose a pixel space in its "
              + "params");
    }
    if (!maker.usesFeatures() && features.isPresent()) {
      throw new ConfigException(
          at
              + ".features: builder '"
              + spec.id()
              + "' with these params reads no features (its space is not 'features'); remove "
              + "features, or set its params to work in them");
    }
    Optional<Maker> start =
        spec.start() == null
            ? Optional.empty()
            : Optional.of(bind(spec.start(), host, at + ".start"));
    if (maker.startsFrom() && start.isEmpty()) {
      throw new ConfigException(
          at
              + ".start: missing; builder '"
              + spec.id()
              + "' with these params starts from a set another builder makes: name it (start: "
              + "{id: BUILDER, params: ...}), or set its params to start from the pool");
    }
    if (!maker.startsFrom() && start.isPresent()) {
      throw new ConfigException(
          at
              + ".start: builder '"
              + spec.id()
              + "' with these params reads no start set; remove start, or set its params to "
              + "start from one (see `rmnist plugins`)");
    }
    if (start.isPresent() && start.get().builder().softLabels()) {
      throw new ConfigException(
          at
              + ".start: builder '"
              + spec.start().id()
              + "' with these params gives soft labels; a start set must have hard labels");
    }
    return new Maker(maker, features, start);
  }

  /**
   * Thrown instead of waiting when another worker (thread or process) is building the set: the
   * caller may do other work and ask again.
   */
  static final class Busy extends IOException {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  /**
   * The splits of {@code draw}, whose training images {@code maker} builds from the pool; waits
   * while another worker builds the same set.
   */
  static Splits load(
      PlannedRun.Draw draw,
      Maker maker,
      DataContext data,
      Path cacheRoot,
      int threads,
      Progress progress)
      throws IOException {
    return load(draw, maker, data, cacheRoot, threads, progress, true);
  }

  /**
   * The splits of {@code draw}, whose training images {@code maker} builds from the pool. When
   * another worker is building the same set: waits for it if {@code wait}, else throws {@link
   * Busy}.
   */
  static Splits load(
      PlannedRun.Draw draw,
      Maker maker,
      DataContext data,
      Path cacheRoot,
      int threads,
      Progress progress,
      boolean wait)
      throws IOException {
    String key = key(draw, maker);
    Path file = file(cacheRoot, key);
    String lock = "." + key + ".lock";
    Supplier<Busy> busy = () -> busy(draw, key);
    if (!wait) {
      Optional<Busy> now = busy(draw, maker, cacheRoot);
      if (now.isPresent()) {
        throw now.get(); // before loading the pool: the caller may ask again every second
      }
    }
    Splits source =
        PluginFailure.guard(
            draw.dataset(),
            "loading the pool for builder '" + maker.builder().extension().id() + "'",
            () -> draw.dataset().load(new DatasetRequest(0, draw.seed()), data));
    ImageSet pool = source.train();
    FolderLock.Update<Cached> readOrBuild =
        readOrBuild(draw, maker, source, cacheRoot, threads, file, progress);
    Cached built = wait ? null : read(file, pool.shape()); // complete or absent: writes are atomic
    if (built == null) {
      built =
          wait
              ? FolderLock.with(file.getParent(), lock, readOrBuild)
              : FolderLock.tryWith(file.getParent(), lock, readOrBuild).orElseThrow(busy);
    }
    Map<String, String> provenance = new LinkedHashMap<>(source.provenance());
    provenance.remove("train_indices");
    provenance.put("protocol", "built:" + maker.builder().extension().id());
    provenance.put("n", Integer.toString(draw.n()));
    provenance.put("build_seed", Long.toString(draw.seed()));
    provenance.put("build", Json.line(maker.identity()));
    provenance.put("build_sha256", key);
    provenance.put("build_facts", Json.line(built.facts()));
    if (built.softLabels() != null) {
      provenance.put("labels", "soft (learned by the builder)");
    }
    provenance.put(
        "train_indices",
        Arrays.stream(built.images().sourceIndices())
            .mapToObj(Integer::toString)
            .collect(Collectors.joining(",")));
    return new Splits(
        built.images(),
        source.validation(),
        source.test(),
        source.classes(),
        provenance,
        built.softLabels());
  }

  /**
   * Why {@code draw}'s set cannot be had now: it is not cached and another worker holds its build
   * lock; empty when it is cached or nobody is building it. Cheap: reads no pool.
   */
  static Optional<Busy> busy(PlannedRun.Draw draw, Maker maker, Path cacheRoot) throws IOException {
    String key = key(draw, maker);
    Path file = file(cacheRoot, key);
    if (Files.isRegularFile(file)
        || FolderLock.tryWith(file.getParent(), "." + key + ".lock", () -> Boolean.TRUE)
            .isPresent()) {
      return Optional.empty();
    }
    return Optional.of(busy(draw, key));
  }

  private static Busy busy(PlannedRun.Draw draw, String key) {
    return new Busy(
        "training set "
            + key.substring(0, 12)
            + " of '"
            + draw.name()
            + "' is being built by another worker");
  }

  private static Path file(Path cacheRoot, String key) {
    return cacheRoot.resolve("training-sets").resolve(key.substring(0, 2)).resolve(key + ".json");
  }

  /** A built set, its facts and its soft labels (null: none), as cached. */
  private record Cached(ImageSet images, Map<String, Object> facts, float[] softLabels) {}

  /** Reads {@code maker}'s set from {@code file}, or builds and caches it: run under its lock. */
  private static FolderLock.Update<Cached> readOrBuild(
      PlannedRun.Draw draw,
      Maker maker,
      Splits source,
      Path cacheRoot,
      int threads,
      Path file,
      Progress progress) {
    return () -> {
      Cached c = read(file, source.train().shape());
      return c != null ? c : build(draw, maker, source, cacheRoot, threads, file, progress);
    };
  }

  private static Cached build(
      PlannedRun.Draw draw,
      Maker maker,
      Splits source,
      Path cacheRoot,
      int threads,
      Path file,
      Progress progress)
      throws IOException {
    ImageSet pool = source.train();
    Optional<ImageSet> features = Optional.empty();
    Map<String, Object> facts = new LinkedHashMap<>();
    if (maker.features().isPresent()) {
      FeatureStage.Result f =
          PluginFailure.guard(
              maker.features().get().extractor(),
              "extracting the pool's features for a training set builder",
              () ->
                  new FeatureStage(cacheRoot.resolve("features"))
                      .apply(maker.features().get(), pool, Map.of(), threads));
      features = Optional.of(f.train());
      facts.put("features", f.facts());
    }
    Optional<ImageSet> start = Optional.empty();
    if (maker.start().isPresent()) {
      Maker first = maker.start().get();
      String startKey = key(draw, first);
      Path startFile = file(cacheRoot, startKey);
      Files.createDirectories(startFile.getParent());
      Cached made =
          FolderLock.with(
              startFile.getParent(),
              "." + startKey + ".lock",
              readOrBuild(draw, first, source, cacheRoot, threads, startFile, progress));
      start = Optional.of(made.images());
      Map<String, Object> startFacts = new LinkedHashMap<>();
      startFacts.put("builder", first.builder().extension().id());
      startFacts.put("build_sha256", startKey);
      startFacts.put("facts", made.facts());
      facts.put("start", startFacts);
    }
    BuildRequest request =
        new BuildRequest(pool, features, draw.n(), source.classes(), new Seed(draw.seed()), start);
    Path work = file.resolveSibling(file.getFileName().toString().replace(".json", ".work"));
    Files.createDirectories(work);
    BuildContext context = new BuildContext(progress, work, threads);
    long t0 = System.nanoTime();
    BuiltSet built =
        PluginFailure.guard(
            maker.builder(),
            "building a training set",
            () -> maker.builder().build(request, context));
    double seconds = (System.nanoTime() - t0) / 1e9;
    BuiltSetCheck.check(
        built, request, maker.builder().extension().id(), maker.builder().softLabels());
    facts.putAll(built.facts());
    facts.put("build_seconds", seconds);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", FORMAT);
    out.put("identity", Map.of("key", key(draw, maker), "build", maker.identity()));
    out.put("shape", List.of(pool.shape().channels(), pool.shape().height(), pool.shape().width()));
    out.put("labels", built.images().labels());
    out.put("sourceIndices", built.images().sourceIndices());
    out.put("pixels", built.images().pixels());
    if (built.softLabels() != null) {
      out.put("softLabels", built.softLabels());
    }
    out.put("facts", facts);
    Files.createDirectories(file.getParent());
    Json.write(file, out);
    return new Cached(built.images(), facts, built.softLabels());
  }

  /** SHA-256 of everything that determines the built set. */
  static String key(PlannedRun.Draw draw, Maker maker) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("dataset", draw.dataset().identity());
    m.put("data_sha256", draw.files());
    m.put("n", draw.n());
    m.put("seed", draw.seed());
    m.put("build", maker.identity());
    m.put("builder_code", FeatureStage.code(maker.builder().plugin()));
    if (maker.start().isPresent()) {
      m.put(
          "start_code",
          maker.chain().stream()
              .skip(1)
              .map(s -> FeatureStage.code(s.builder().plugin()))
              .toList());
    }
    return FileHashes.of(Json.line(m).getBytes(StandardCharsets.UTF_8));
  }

  /** The cached set, or null when absent or unreadable (then it is built again). */
  private static Cached read(Path file, ImageShape poolShape) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Map<String, Object> m;
    try {
      m = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      return null; // a torn or foreign file: build again (writes are atomic, so rare)
    }
    if (!FORMAT.equals(m.get("format"))) {
      return null;
    }
    int[] labels = ints(m.get("labels"));
    int[] source = ints(m.get("sourceIndices"));
    @SuppressWarnings("unchecked")
    List<Number> px = (List<Number>) m.get("pixels");
    float[] pixels = new float[px.size()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = px.get(i).floatValue();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> facts = (Map<String, Object>) m.get("facts");
    float[] soft = null;
    if (m.get("softLabels") instanceof List<?> s) {
      soft = new float[s.size()];
      for (int i = 0; i < soft.length; i++) {
        soft[i] = ((Number) s.get(i)).floatValue();
      }
    }
    return new Cached(new ImageSet(pixels, labels, poolShape, source), facts, soft);
  }

  private static int[] ints(Object list) {
    @SuppressWarnings("unchecked")
    List<Number> l = (List<Number>) list;
    return l.stream().mapToInt(Number::intValue).toArray();
  }
}
