package org.rmnist.plugins.data;

import java.io.IOException;
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
import org.rmnist.api.DataFormatException;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Splits;
import org.rmnist.api.io.IdxFile;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28x28 grey images of ten kinds of clothing in
 * MNIST's file format, for pretraining on a task other than digits. The last {@code validation}
 * training images are the validation set, the rest the pool N images per class are drawn from
 * (stratified, by the draw seed), t10k the test set when present. Files must have the published
 * content (SHA-256 of the decompressed file).
 */
@Extension
public final class FashionMnistDataset implements Dataset<FashionMnistConfig> {
  /** Where Debian's package puts the files. */
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The Debian package that installs them. */
  static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";

  /** SHA-256 of each decompressed file as Zalando published it (and Debian ships it). */
  static final Map<String, String> SHA256 =
      Map.of(
          MnistFiles.TRAIN_IMAGES,
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          MnistFiles.TRAIN_LABELS,
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          MnistFiles.TEST_IMAGES,
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          MnistFiles.TEST_LABELS,
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /** MNIST's training files, named when one turns up where Fashion-MNIST was expected. */
  private static final Map<String, String> MNIST_SHA256 =
      Map.of(
          "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", "MNIST's",
          "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", "MNIST's");

  /** Label 0..9 in Zalando's order. */
  static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private final List<Path> builtIn;
  private final Map<String, String> pinned;

  /** Looks in Debian's folder first and accepts only the published files. */
  public FashionMnistDataset() {
    this(List.of(DEBIAN_DIR), SHA256);
  }

  /** For tests: other built-in folders, other (or no) pinned hashes. */
  FashionMnistDataset(List<Path> builtIn, Map<String, String> pinned) {
    this.builtIn = List.copyOf(builtIn);
    this.pinned = Map.copyOf(pinned);
  }

  @Override
  public String id() {
    return "fashion-mnist";
  }

  @Override
  public String summary() {
    return "Fashion-MNIST (10 kinds of clothing, 28x28 grey) with N training images per class "
        + "(N=0: the whole pool, 50,000 by default); validation = the last `validation` (10,000) "
        + "training images, test = t10k";
  }

  @Override
  public Class<FashionMnistConfig> configType() {
    return FashionMnistConfig.class;
  }

  @Override
  public FashionMnistConfig defaults() {
    return FashionMnistConfig.defaults();
  }

  @Override
  public List<DataFile> files(FashionMnistConfig config, DataContext context) throws IOException {
    return RmnistDataset.dataFiles(locate(config, context), id());
  }

  @Override
  public Splits load(FashionMnistConfig config, DatasetRequest request, DataContext context)
      throws IOException {
    MnistFiles files = locate(config, context);
    MnistFiles.Pair train =
        verified(MnistCache.trainPair(files), MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
    int total = train.images().count();
    if (config.validation() >= total) {
      throw new IllegalArgumentException(
          "validation: "
              + config.validation()
              + " leaves no "
              + "training images: "
              + train.images().file()
              + " holds "
              + total);
    }
    int pool = total - config.validation();
    byte[] labelBytes = train.labels().data();
    int[] poolLabels = new int[pool];
    Arrays.setAll(poolLabels, i -> labelBytes[i] & 0xFF);
    int[] drawn =
        request.n() == 0
            ? MnistFiles.range(0, pool)
            : StratifiedDraw.draw(poolLabels, request.n(), CLASS_NAMES.size(), request.drawSeed());
    float scale = (float) config.pixelScale();
    ImageSet trainSet = train.imageSet(drawn, scale);
    ImageSet validation = train.imageSet(MnistFiles.range(pool, total), scale);
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("data_dir", files.dir().toAbsolutePath().normalize().toString());
    provenance.put("protocol", request.n() == 0 ? "full-pool" : "stratified");
    provenance.put("n", Integer.toString(request.n()));
    if (request.n() > 0) {
      provenance.put("draw_seed", Long.toString(request.drawSeed()));
    }
    provenance.put("pixel_scale", Double.toString(config.pixelScale()));
    provenance.put("train_file_images", Integer.toString(total));
    provenance.put("pool", "0.." + (pool - 1));
    provenance.put("validation_indices", pool + ".." + (total - 1));
    provenance.put("sha256_" + MnistFiles.TRAIN_IMAGES, train.images().sha256());
    provenance.put("sha256_" + MnistFiles.TRAIN_LABELS, train.labels().sha256());
    Optional<ImageSet> test = Optional.empty();
    Optional<MnistFiles.Pair> testPair = files.readTest();
    if (testPair.isPresent()) {
      MnistFiles.Pair t = verified(testPair.get(), MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
      test = Optional.of(t.imageSet(MnistFiles.range(0, t.images().count()), scale));
      provenance.put("test_images", Integer.toString(t.images().count()));
      provenance.put("sha256_" + MnistFiles.TEST_IMAGES, t.images().sha256());
      provenance.put("sha256_" + MnistFiles.TEST_LABELS, t.labels().sha256());
    }
    provenance.put("class_names", String.join(",", CLASS_NAMES));
    provenance.put(
        "train_indices",
        request.n() == 0
            ? "0.." + (pool - 1)
            : Arrays.stream(drawn).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    return new Splits(trainSet, validation, test, CLASS_NAMES.size(), provenance);
  }

  private MnistFiles locate(FashionMnistConfig config, DataContext context) throws IOException {
    String advice =
        "Install Debian's package "
            + DEBIAN_PACKAGE
            + " (apt-get install "
            + DEBIAN_PACKAGE
            + "; it puts the files in "
            + DEBIAN_DIR
            + "), or set the dataset's "
            + "path to a folder with the four files from github.com/zalandoresearch/fashion-mnist. "
            + context.howToGet(id());
    return MnistFiles.locate(
        config.path(), builtIn, context, id(), "Fashion-MNIST", advice, this::checkLabels);
  }

  /** Why a folder's training labels are not Fashion-MNIST's (a cheap test: 60 KB), or null. */
  private String checkLabels(MnistFiles files) throws IOException {
    Optional<Path> labels = MnistFiles.file(files.dir(), MnistFiles.TRAIN_LABELS);
    if (labels.isEmpty() || !pinned.containsKey(MnistFiles.TRAIN_LABELS)) {
      return null;
    }
    return mismatch(labels.get(), MnistFiles.TRAIN_LABELS, IdxFile.contentSha256(labels.get()));
  }

  private MnistFiles.Pair verified(MnistFiles.Pair pair, String imagesBase, String labelsBase)
      throws DataFormatException {
    for (IdxFile f : List.of(pair.images(), pair.labels())) {
      String rejected =
          mismatch(f.file(), f == pair.images() ? imagesBase : labelsBase, f.sha256());
      if (rejected != null) {
        throw new DataFormatException(rejected);
      }
    }
    return pair;
  }

  /** Null when {@code base}'s content hash is the pinned one (or none is pinned), else why not. */
  private String mismatch(Path file, String base, String sha256) {
    String expected = pinned.get(base);
    if (expected == null || expected.equals(sha256)) {
      return null;
    }
    String known = MNIST_SHA256.get(sha256);
    return file
        + ": content SHA-256 "
        + sha256
        + (known == null ? "" : " (" + known + " file)")
        + " is not Fashion-MNIST's "
        + expected;
  }
}
