package org.rmnist.testkit.samples;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.Doc;
import org.rmnist.api.ImageShape;

/** Adds a random brightness in [0, max] and clips to 1. */
@Extension
public class BrightenAugmentation
    implements Augmentation<BrightenAugmentation.Config, BrightenAugmentation.Params> {

  /** Config of {@code brighten}. */
  public record Config(@Doc("largest added brightness; [0, 1]") double max) {
    public Config {
      if (!(max >= 0 && max <= 1)) {
        throw new IllegalArgumentException("max: must be in [0, 1], got " + max);
      }
    }
  }

  /** The brightness drawn for one image. */
  public record Params(float add) {}

  @Override
  public String id() {
    return "brighten";
  }

  @Override
  public String summary() {
    return "adds a random brightness";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(0.3);
  }

  @Override
  public Params sample(Config config, ImageShape shape, RandomGenerator random) {
    return new Params((float) (config.max() * random.nextDouble()));
  }

  @Override
  public void apply(
      Config config,
      Params params,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    for (int i = 0; i < shape.size(); i++) {
      dst[dstOffset + i] = Math.min(1f, src[srcOffset + i] + params.add());
    }
  }
}
