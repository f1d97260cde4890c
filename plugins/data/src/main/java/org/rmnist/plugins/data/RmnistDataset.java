package org.rmnist.plugins.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pf4j.Extension;
import org.rmnist.api.DataContext;
import org.rmnist.api.DataFile;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Splits;

/**
 * MNIST split as in Nielsen (2017): training images 0..49999 are the pool RMNIST/N draws from,
 * 50000..59999 the validation set, t10k the test set when present.
 */
@Extension
public final class RmnistDataset implements Dataset<RmnistConfig> {
  /** Size of the pool RMNIST draws from; the rest of the training file is validation. */
  static final int POOL = 50_000;

  static final int CLASSES = 10;

  @Override
  public String id() {
    return "rmnist";
  }

  @Override
  public String summary() {
    return "MNIST with N training images per digit (N=0: all 50,000); validation = images "
        + "50000..59999, test = t10k when present";
  }

  @Override
  public Class<RmnistConfig> configType() {
    return RmnistConfig.class;
  }

  @Override
  public RmnistConfig defaults() {
    return RmnistConfig.defaults();
  }

  @Override
  public Splits load(RmnistConfig config, DatasetRequest request, DataContext context)
      throws IOException {
    MnistFiles files = locate(config, context);
    MnistFiles.Pair train = MnistCache.trainPair(files);
    int total = train.images().count();
    if (total <= POOL) {
      throw new org.rmnist.api.DataFormatException(
          train.images().file()
              + " holds "
              + total
              + " images; the RMNIST protocol needs more than "
              + POOL
              + " (pool + validation)");
    }
    byte[] labelBytes = train.labels().data();
    int[] poolLabels = new int[POOL];
    Arrays.setAll(poolLabels, i -> labelBytes[i] & 0xFF);
    int[] drawn =
        switch (request.n() == 0 ? "all" : config.protocol()) {
          case "all" -> MnistFiles.range(0, POOL);
          case "nielsen2017" -> Nielsen2017.draw(poolLabels, request.n(), CLASSES);
          case "stratified" ->
              StratifiedDraw.draw(poolLabels, request.n(), CLASSES, request.drawSeed());
          default -> throw new IllegalStateException(config.protocol());
        };
    float scale = (float) config.pixelScale();
    ImageSet trainSet = train.imageSet(drawn, scale);
    ImageSet validation = train.imageSet(MnistFiles.range(POOL, total), scale);
    Optional<ImageSet> test = Optional.empty();
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("data_dir", files.dir().toAbsolutePath().normalize().toString());
    provenance.put("protocol", request.n() == 0 ? "full-pool" : config.protocol());
    provenance.put("n", Integer.toString(request.n()));
    if ("stratified".equals(config.protocol()) && request.n() > 0) {
      provenance.put("draw_seed", Long.toString(request.drawSeed()));
    }
    provenance.put("pixel_scale", Double.toString(config.pixelScale()));
    provenance.put("sha256_" + MnistFiles.TRAIN_IMAGES, train.images().sha256());
    provenance.put("sha256_" + MnistFiles.TRAIN_LABELS, train.labels().sha256());
    Optional<MnistFiles.Pair> testPair = files.readTest();
    if (testPair.isPresent()) {
      MnistFiles.Pair t = testPair.get();
      test = Optional.of(t.imageSet(MnistFiles.range(0, t.images().count()), scale));
      provenance.put("sha256_" + MnistFiles.TEST_IMAGES, t.images().sha256());
      provenance.put("sha256_" + MnistFiles.TEST_LABELS, t.labels().sha256());
    }
    provenance.put(
        "train_indices",
        request.n() == 0
            ? "0.." + (POOL - 1)
            : Arrays.stream(drawn).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    return new Splits(trainSet, validation, test, CLASSES, provenance);
  }

  @Override
  public List<DataFile> files(RmnistConfig config, DataContext context) throws IOException {
    return dataFiles(locate(config, context), "mnist");
  }

  /**
   * The files an MNIST-format folder gives a dataset named {@code dataset}: the training pair
   * (required) and the t10k files that are there.
   */
  static List<DataFile> dataFiles(MnistFiles files, String dataset) throws IOException {
    List<DataFile> list = new java.util.ArrayList<>();
    for (String base : List.of(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS)) {
      list.add(new DataFile(dataset, base, files.require(base)));
    }
    for (String base : List.of(MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS)) {
      MnistFiles.file(files.dir(), base).ifPresent(p -> list.add(new DataFile(dataset, base, p)));
    }
    return list;
  }

  private static MnistFiles locate(RmnistConfig config, DataContext context) throws IOException {
    return MnistFiles.locate(
        config.path(),
        List.of(),
        context,
        "mnist",
        "MNIST",
        context.howToGet("mnist"),
        MnistFiles.Check.ANY);
  }

  /** For tests: whether a folder holds the training files. */
  static boolean hasTrainingData(Path dir) {
    return Files.isDirectory(dir) && MnistFiles.find(List.of(dir)).isPresent();
  }
}
