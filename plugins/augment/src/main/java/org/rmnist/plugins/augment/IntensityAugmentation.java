package org.rmnist.plugins.augment;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** {@code intensity}: stroke thickness, contrast, brightness and noise, clamped to [0, 1]. */
@Extension
public final class IntensityAugmentation implements Augmentation<IntensityConfig, IntensityParams> {

  private static final float[] NO_NOISE = new float[0];

  @Override
  public String id() {
    return "intensity";
  }

  @Override
  public String summary() {
    return "grey-level jitter: stroke thickness (3x3 dilation / erosion blend), contrast, "
        + "brightness, Gaussian noise; clamped to [0, 1]";
  }

  @Override
  public Class<IntensityConfig> configType() {
    return IntensityConfig.class;
  }

  @Override
  public IntensityConfig defaults() {
    return IntensityConfig.defaults();
  }

  /** Draws stroke, contrast, brightness, then (when noise is on) one Gaussian per value. */
  @Override
  public IntensityParams sample(IntensityConfig config, ImageShape shape, RandomGenerator random) {
    double stroke = Draw.symmetric(random, config.thickness());
    double contrast = 1 + Draw.symmetric(random, config.contrast());
    double brightness = Draw.symmetric(random, config.brightness());
    float[] noise = NO_NOISE;
    if (config.noise() > 0) {
      noise = new float[shape.size()];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) (config.noise() * random.nextGaussian());
      }
    }
    return new IntensityParams(stroke, contrast, brightness, noise);
  }

  @Override
  public void apply(
      IntensityConfig config,
      IntensityParams p,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    ParamArrays.image("intensity noise", p.noise(), shape);
    IntensityKernel.apply(
        src,
        srcOffset,
        dst,
        dstOffset,
        shape,
        (float) p.stroke(),
        (float) p.contrast(),
        (float) p.brightness(),
        p.noise());
  }
}
