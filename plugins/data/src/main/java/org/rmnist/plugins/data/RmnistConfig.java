package org.rmnist.plugins.data;

import java.util.List;
import org.rmnist.api.Doc;

/**
 * Config of the {@code rmnist} dataset.
 *
 * @param protocol how the N images per class are drawn
 * @param path folder with the MNIST IDX files; empty to search RMNIST_DATA, then data/mnist
 * @param pixelScale divisor that maps bytes to [0, 1]
 */
public record RmnistConfig(
    @Doc(
            "nielsen2017 (Nielsen's exact subsets; ignores draw seeds) or stratified (N per class, "
                + "drawn with the draw seed)")
        String protocol,
    @Doc("folder holding train-images-idx3-ubyte[.gz] etc.; empty = RMNIST_DATA, then data/mnist")
        String path,
    @Doc("pixels are byte/pixelScale; 256 as in Nielsen's pickles, or 255") double pixelScale) {

  /** The protocols this dataset knows. */
  public static final List<String> PROTOCOLS = List.of("nielsen2017", "stratified");

  public RmnistConfig {
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          "protocol: unknown value '" + protocol + "', expected one of " + PROTOCOLS);
    }
    if (path == null) {
      path = "";
    }
    if (!(pixelScale >= 1)) {
      throw new IllegalArgumentException("pixelScale: must be >= 1, got " + pixelScale);
    }
  }

  static RmnistConfig defaults() {
    return new RmnistConfig("nielsen2017", "", 256);
  }
}
