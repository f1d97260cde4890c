package org.rmnist.testkit.samples;

import org.pf4j.Extension;
import org.rmnist.api.Doc;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;

/** One feature per image row: the row's mean, scaled. */
@Extension
public class RowMeanExtractor implements FeatureExtractor<RowMeanExtractor.Config> {

  /** Config of {@code row-mean}. */
  public record Config(@Doc("factor applied to each mean; > 0") double scale) {
    public Config {
      if (!(scale > 0)) {
        throw new IllegalArgumentException("scale: must be > 0, got " + scale);
      }
    }
  }

  @Override
  public String id() {
    return "row-mean";
  }

  @Override
  public String summary() {
    return "the mean of each image row";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(1.0);
  }

  @Override
  public Featurizer open(Config config, ExtractorContext context) {
    return new Featurizer() {
      @Override
      public int dimension() {
        return 28;
      }

      @Override
      public float[] extract(ImageSet images) {
        float[] out = new float[images.size() * 28];
        for (int i = 0; i < images.size(); i++) {
          for (int y = 0; y < 28; y++) {
            float sum = 0;
            for (int x = 0; x < 28; x++) {
              sum += images.pixels()[images.offset(i) + y * 28 + x];
            }
            out[i * 28 + y] = (float) (config.scale() * sum / 28);
          }
        }
        return out;
      }

      @Override
      public String cacheKey() {
        return "row-mean scale=" + config.scale();
      }

      @Override
      public void close() {}
    };
  }
}
