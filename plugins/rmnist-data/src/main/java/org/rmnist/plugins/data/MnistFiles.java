package org.rmnist.plugins.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.io.IdxFile;

/**
 * The four official MNIST files in one folder, each raw or gzip; the test pair is optional.
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
    return file(dir, base).orElseThrow(() -> new NoSuchFileException(
        dir.resolve(base) + "[.gz]", null, "MNIST file missing"));
  }

  /** Reads an images/labels pair and checks they match: 28x28 images, labels 0..9. */
  Pair readPair(String imagesBase, String labelsBase) throws IOException {
    IdxFile images = IdxFile.readImages(require(imagesBase));
    IdxFile labels = IdxFile.readLabels(require(labelsBase), 10);
    IdxFile.checkPaired(images, labels);
    if (images.dims()[1] != 28 || images.dims()[2] != 28) {
      throw new DataFormatException(images.file() + ": images are " + images.dims()[1] + "x"
          + images.dims()[2] + ", MNIST images are 28x28");
    }
    return new Pair(images, labels);
  }

  /** The test pair when both files are there; an error when only one of them is. */
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
      throw new NoSuchFileException(dir.resolve(missing.get(0)) + "[.gz]", null,
          "test set is incomplete: the other t10k file is present but this one is missing");
    }
    return Optional.of(readPair(TEST_IMAGES, TEST_LABELS));
  }

  /** Images and labels read together. */
  record Pair(IdxFile images, IdxFile labels) {}
}
