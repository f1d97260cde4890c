package org.rmnist.plugins.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataContext;
import org.rmnist.api.Dataset;
import org.rmnist.api.io.IdxFile;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.DatasetContract;

/**
 * {@code fashion-mnist} keeps the dataset contract, on small synthetic files (so with no pinned
 * hashes and no system folder to look in).
 */
class FashionMnistContractTest extends DatasetContract<FashionMnistConfig> {
  @TempDir static Path dir;

  @BeforeAll
  void writeFiles() throws IOException {
    for (String kind : List.of("train", "t10k")) {
      int count = kind.equals("train") ? 130 : 20;
      byte[] px = new byte[count * 784];
      byte[] lb = new byte[count];
      for (int i = 0; i < count; i++) {
        lb[i] = (byte) ((i * 3 + i / 10) % 10);
        px[i * 784] = (byte) i;
        px[i * 784 + 400] = (byte) 255;
      }
      IdxFile.write(dir.resolve(kind + "-images-idx3-ubyte.gz"), new int[] {count, 28, 28}, px);
      IdxFile.write(dir.resolve(kind + "-labels-idx1-ubyte.gz"), new int[] {count}, lb);
    }
  }

  @Override
  protected Dataset<FashionMnistConfig> dataset() {
    return new FashionMnistDataset(List.of(), Map.of());
  }

  @Override
  protected FashionMnistConfig config() {
    return new FashionMnistConfig("", 30, 256);
  }

  @Override
  protected DataContext context() {
    return lookIn(dir);
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of(
        "validation",
        0,
        "validation: must be >= 1 (images held out from the " + "end of the training file), got 0");
  }
}
