package org.rmnist.plugins.augment;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** {@code affine}: random scale, shear, rotation and translation about the centre, bilinear. */
@Extension
public final class AffineAugmentation implements Augmentation<AffineConfig, AffineParams> {

  @Override
  public String id() {
    return "affine";
  }

  @Override
  public String summary() {
    return "random scale (isotropic or per axis), horizontal shear, rotation and sub-pixel "
        + "translation about the image centre, bilinear, zero outside";
  }

  @Override
  public Class<AffineConfig> configType() {
    return AffineConfig.class;
  }

  @Override
  public AffineConfig defaults() {
    return AffineConfig.defaults();
  }

  @Override
  public AffineParams sample(AffineConfig config, ImageShape shape, RandomGenerator random) {
    double degrees = Draw.symmetric(random, config.degrees());
    double scaleX = 1 + Draw.symmetric(random, config.scale());
    double scaleY = config.anisotropic() ? 1 + Draw.symmetric(random, config.scale()) : scaleX;
    double shear = Draw.symmetric(random, config.shear());
    double tx = Draw.symmetric(random, config.translate());
    double ty = Draw.symmetric(random, config.translate());
    return new AffineParams(degrees, scaleX, scaleY, shear, tx, ty);
  }

  @Override
  public void apply(
      AffineConfig config,
      AffineParams p,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    AffineKernel.warp(
        src,
        srcOffset,
        dst,
        dstOffset,
        shape,
        p.degrees(),
        p.scaleX(),
        p.scaleY(),
        p.shear(),
        p.translateX(),
        p.translateY());
  }
}
