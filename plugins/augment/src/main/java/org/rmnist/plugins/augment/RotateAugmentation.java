package org.rmnist.plugins.augment;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** {@code rotate}: rotation about the image centre, bilinear, zero outside. */
@Extension
public final class RotateAugmentation implements Augmentation<RotateConfig, RotateParams> {

  @Override
  public String id() {
    return "rotate";
  }

  @Override
  public String summary() {
    return "rotate about the image centre by a uniform angle in [-degrees, degrees], bilinear, "
        + "zero outside";
  }

  @Override
  public Class<RotateConfig> configType() {
    return RotateConfig.class;
  }

  @Override
  public RotateConfig defaults() {
    return RotateConfig.defaults();
  }

  @Override
  public RotateParams sample(RotateConfig config, ImageShape shape, RandomGenerator random) {
    return new RotateParams(Draw.symmetric(random, config.degrees()));
  }

  @Override
  public void apply(
      RotateConfig config,
      RotateParams params,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    AffineKernel.warp(src, srcOffset, dst, dstOffset, shape, params.degrees(), 1, 1, 0, 0, 0);
  }
}
