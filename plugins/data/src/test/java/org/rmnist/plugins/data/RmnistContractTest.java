package org.rmnist.plugins.data;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataContext;
import org.rmnist.api.Dataset;
import org.rmnist.api.io.IdxFile;
import org.rmnist.testkit.BadParameter;
import org.rmnist.testkit.DatasetContract;

/** {@code rmnist} keeps the dataset contract, on synthetic MNIST-format files (pool + 200). */
class RmnistContractTest extends DatasetContract<RmnistConfig> {
  @TempDir static Path dir;

  @BeforeAll
  void writeFiles() throws IOException {
    int count = RmnistDataset.POOL + 200;
    byte[] px = new byte[count * 784];
    byte[] lb = new byte[count];
    for (int i = 0; i < count; i++) {
      lb[i] = (byte) ((i * 7 + i / 10) % 10);
      px[i * 784 + (i % 784)] = (byte) 255;
      px[i * 784] = (byte) (i % 251);
    }
    IdxFile.write(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {count, 28, 28}, px);
    IdxFile.write(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {count}, lb);
  }

  @Override
  protected Dataset<RmnistConfig> dataset() {
    return new RmnistDataset();
  }

  @Override
  protected RmnistConfig config() {
    return new RmnistConfig("stratified", "", 255);
  }

  @Override
  protected DataContext context() {
    return lookIn(dir);
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("pixelScale", 0.5, "pixelScale: must be >= 1, got 0.5");
  }
}
