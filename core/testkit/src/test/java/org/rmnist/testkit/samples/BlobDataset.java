package org.rmnist.testkit.samples;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pf4j.Extension;
import org.rmnist.api.DataContext;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.Doc;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Splits;
import org.rmnist.testkit.TestImages;

/** Draws N images per class from a pool of synthetic blobs. */
@Extension
public class BlobDataset implements Dataset<BlobDataset.Config> {

  /** Config of {@code blobs}. */
  public record Config(@Doc("images per class in the pool; 1..1000") int pool) {
    public Config {
      if (pool < 1 || pool > 1000) {
        throw new IllegalArgumentException("pool: must be in [1, 1000], got " + pool);
      }
    }
  }

  @Override
  public String id() {
    return "blobs";
  }

  @Override
  public String summary() {
    return "synthetic blobs, ten classes";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(20);
  }

  @Override
  public Splits load(Config config, DatasetRequest request, DataContext context) {
    ImageSet pool = TestImages.blobs(10, config.pool(), 11);
    int[] picks = new int[10 * request.n()];
    SplittableRandom r = new SplittableRandom(request.drawSeed());
    for (int c = 0; c < 10; c++) {
      for (int k = 0; k < request.n(); k++) {
        picks[c * request.n() + k] = c + 10 * r.nextInt(config.pool());
      }
    }
    return new Splits(
        pool.select(picks),
        TestImages.blobs(10, 2, 12),
        Optional.empty(),
        10,
        Map.of("draw_seed", String.valueOf(request.drawSeed())));
  }
}
