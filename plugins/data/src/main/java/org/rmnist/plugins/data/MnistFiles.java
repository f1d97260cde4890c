package org.rmnist.plugins.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rmnist.api.DataContext;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.io.IdxFile;

/**
 * The four files of an MNIST-format data set (MNIST, Fashion-MNIST) in one folder, each raw or
 * gzip; the test pair is optional.
 *
 * @param dir the folder
 */
record MnistFiles(Path dir) {
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** The first folder in {@code candidates} that holds the training images. */
  static Optional<MnistFiles> find(List<Path> candidates) {
    for (Path dir : candidates) {
      if (file(dir, TRAIN_IMAGES).isPresent()) {
        return Optional.of(new MnistFiles(dir));
      }
    }
    return Optional.empty();
  }

  /** Decides whether a folder's files are the data set wanted: null when so, else why not. */
  @FunctionalInterface
  interface Check {
    /** Accepts every folder that holds the training images. */
    Check ANY = files -> null;

    String reject(MnistFiles files) throws IOException;
  }

  /**
   * The folder a dataset reads: the config's {@code path} alone when it is set (a folder there that
   * {@code check} rejects is an error), else the first of {@code builtIn} and then the context's
   * folders for {@code dataset} that holds the training images and passes {@code check}.
   *
   * @param what the data set's name in messages ("MNIST")
   * @param advice how to get the data, the last sentence of a "not found" message
   * @throws NoSuchFileException naming every folder tried (and why a folder was passed over)
   * @throws DataFormatException when the config's folder holds files that {@code check} rejects
   */
  static MnistFiles locate(
      String path,
      List<Path> builtIn,
      DataContext context,
      String dataset,
      String what,
      String advice,
      Check check)
      throws IOException {
    if (!path.isEmpty()) {
      Path dir = Path.of(path);
      MnistFiles files =
          find(List.of(dir))
              .orElseThrow(
                  () ->
                      new NoSuchFileException(
                          dir.resolve(TRAIN_IMAGES) + "[.gz]",
                          null,
                          "the dataset's path has no " + what + " training images. " + advice));
      String rejected = check.reject(files);
      if (rejected != null) {
        throw new DataFormatException(rejected);
      }
      return files;
    }
    List<Path> candidates = new ArrayList<>(builtIn);
    candidates.addAll(context.locations(dataset));
    List<String> tried = new ArrayList<>();
    for (Path dir : candidates) {
      Optional<MnistFiles> files = find(List.of(dir));
      String rejected = files.isEmpty() ? null : check.reject(files.get());
      if (files.isPresent() && rejected == null) {
        return files.get();
      }
      tried.add(rejected == null ? dir.toString() : dir + " (passed over: " + rejected + ")");
    }
    throw new NoSuchFileException(
        TRAIN_IMAGES + "[.gz]",
        null,
        what + " not found in " + String.join(", ", tried) + ". " + advice);
  }

  /** The raw or .gz file of that base name, raw preferred. */
  static Optional<Path> file(Path dir, String base) {
    for (String name : List.of(base, base + ".gz")) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  Path require(String base) throws IOException {
    return file(dir, base)
        .orElseThrow(
            () ->
                new NoSuchFileException(
                    dir.resolve(base) + "[.gz]", null, "MNIST-format file missing"));
  }

  /** Reads an images/labels pair and checks they match: 28x28 images, labels 0..9. */
  Pair readPair(String imagesBase, String labelsBase) throws IOException {
    IdxFile images = IdxFile.readImages(require(imagesBase));
    IdxFile labels = IdxFile.readLabels(require(labelsBase), 10);
    IdxFile.checkPaired(images, labels);
    if (images.dims()[1] != 28 || images.dims()[2] != 28) {
      throw new DataFormatException(
          images.file()
              + ": images are "
              + images.dims()[1]
              + "x"
              + images.dims()[2]
              + ", MNIST-format images are 28x28");
    }
    return new Pair(images, labels);
  }

  /**
   * The test pair when both files are there; an error when only one of them is, and an error of its
   * own, naming the test set and the file, when either is corrupt.
   */
  Optional<Pair> readTest() throws IOException {
    Optional<Path> img = file(dir, TEST_IMAGES);
    Optional<Path> lab = file(dir, TEST_LABELS);
    if (img.isEmpty() && lab.isEmpty()) {
      return Optional.empty();
    }
    if (img.isEmpty() || lab.isEmpty()) {
      List<String> missing = new ArrayList<>();
      if (img.isEmpty()) {
        missing.add(TEST_IMAGES);
      }
      if (lab.isEmpty()) {
        missing.add(TEST_LABELS);
      }
      throw new NoSuchFileException(
          dir.resolve(missing.get(0)) + "[.gz]",
          null,
          "test set is incomplete: the other t10k file is present but this one is missing");
    }
    try {
      return Optional.of(readPair(TEST_IMAGES, TEST_LABELS));
    } catch (DataFormatException e) {
      throw new DataFormatException(
          "the test set (t10k) in "
              + dir
              + " is unreadable: "
              + e.getMessage()
              + ". Replace both t10k files with good copies, or remove both to "
              + "run without a test set");
    }
  }

  /** {@code from, from + 1, ..., to - 1}. */
  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    Arrays.setAll(r, i -> from + i);
    return r;
  }

  /** Images and labels read together. */
  record Pair(IdxFile images, IdxFile labels) {

    /** The images at {@code indices} (their source indices), pixels byte / {@code scale}. */
    ImageSet imageSet(int[] indices, float scale) {
      int size = ImageShape.MNIST.size();
      byte[] px = images.data();
      byte[] lb = labels.data();
      float[] pixels = new float[indices.length * size];
      int[] labelValues = new int[indices.length];
      for (int k = 0; k < indices.length; k++) {
        int src = indices[k] * size;
        int dst = k * size;
        for (int p = 0; p < size; p++) {
          pixels[dst + p] = (px[src + p] & 0xFF) / scale;
        }
        labelValues[k] = lb[indices[k]] & 0xFF;
      }
      return new ImageSet(pixels, labelValues, ImageShape.MNIST, indices.clone());
    }
  }
}
