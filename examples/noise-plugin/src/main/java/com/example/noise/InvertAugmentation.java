package com.example.noise;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** White digits on black become black on white: {@code 1 - x}. */
@Extension
public final class InvertAugmentation implements Augmentation<InvertConfig, InvertConfig> {

  @Override
  public String id() {
    return "invert";
  }

  @Override
  public String summary() {
    return "inverts intensities: 1 - x";
  }

  @Override
  public Class<InvertConfig> configType() {
    return InvertConfig.class;
  }

  @Override
  public InvertConfig defaults() {
    return new InvertConfig();
  }

  @Override
  public InvertConfig sample(InvertConfig config, ImageShape shape, RandomGenerator random) {
    return config;
  }

  @Override
  public void apply(InvertConfig config, InvertConfig params, float[] src, int srcOffset,
      float[] dst, int dstOffset, ImageShape shape) {
    for (int i = 0; i < shape.size(); i++) {
      dst[dstOffset + i] = 1f - src[srcOffset + i];
    }
  }
}
