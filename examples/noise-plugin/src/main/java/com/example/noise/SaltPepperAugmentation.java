package com.example.noise;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** Replaces a random fraction of pixels with 0 (pepper) or 1 (salt). */
@Extension
public final class SaltPepperAugmentation
    implements Augmentation<SaltPepperConfig, SaltPepperAugmentation.Params> {

  /** The noise drawn for one image: a seed for the pixel choices, so apply stays pure. */
  public record Params(long seed) {}

  @Override
  public String id() {
    return "salt-pepper";
  }

  @Override
  public String summary() {
    return "salt-and-pepper noise: a fraction of pixels set to 0 or 1";
  }

  @Override
  public Class<SaltPepperConfig> configType() {
    return SaltPepperConfig.class;
  }

  @Override
  public SaltPepperConfig defaults() {
    return new SaltPepperConfig(0.05, 0.5);
  }

  @Override
  public Params sample(SaltPepperConfig config, ImageShape shape, RandomGenerator random) {
    return new Params(random.nextLong());
  }

  @Override
  public void apply(SaltPepperConfig config, Params params, float[] src, int srcOffset,
      float[] dst, int dstOffset, ImageShape shape) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(params.seed());
    for (int i = 0; i < shape.size(); i++) {
      float v = src[srcOffset + i];
      if (r.nextDouble() < config.amount()) {
        v = r.nextDouble() < config.salt() ? 1f : 0f;
      }
      dst[dstOffset + i] = v;
    }
  }
}
