package org.rmnist.plugins.data;

import org.rmnist.api.Doc;

/**
 * Config of the {@code fashion-mnist} dataset.
 *
 * @param path folder with the Fashion-MNIST IDX files; empty to search the usual places
 * @param validation training images held out as the validation set, taken from the end
 * @param pixelScale divisor that maps bytes to [0, 1]
 */
public record FashionMnistConfig(
    @Doc(
            "folder holding train-images-idx3-ubyte[.gz] etc.; empty = /usr/share/datasets/"
                + "fashion-mnist (Debian's dataset-fashion-mnist), then RMNIST_DATA, "
                + "RMNIST_DATA/fashion-mnist, data/fashion-mnist")
        String path,
    @Doc(
            "training images held out as validation, the last ones of the file (as Nielsen holds "
                + "out MNIST's 50000..59999); at least 1 and fewer than the file's 60,000 "
                + "(default 10000)")
        int validation,
    @Doc("pixels are byte/pixelScale; 256 (default, as rmnist) or 255") double pixelScale) {

  public FashionMnistConfig {
    if (path == null) {
      path = "";
    }
    if (validation < 1) {
      throw new IllegalArgumentException(
          "validation: must be >= 1 (images held out from the end "
              + "of the training file), got "
              + validation);
    }
    if (!(pixelScale >= 1)) {
      throw new IllegalArgumentException("pixelScale: must be >= 1, got " + pixelScale);
    }
  }

  static FashionMnistConfig defaults() {
    return new FashionMnistConfig("", 10_000, 256);
  }
}
