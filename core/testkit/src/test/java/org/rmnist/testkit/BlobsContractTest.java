package org.rmnist.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataContext;
import org.rmnist.api.Dataset;
import org.rmnist.testkit.samples.BlobDataset;

/** The dataset contract passes on a small correct dataset. */
class BlobsContractTest extends DatasetContract<BlobDataset.Config> {
  @TempDir Path dir;

  @Override
  protected Dataset<BlobDataset.Config> dataset() {
    return new BlobDataset();
  }

  @Override
  protected DataContext context() {
    return lookIn(dir);
  }

  @Override
  protected BadParameter outOfRange() {
    return BadParameter.of("pool", 0, "pool: must be in [1, 1000], got 0");
  }
}
