package org.rmnist.testkit.samples;

import org.rmnist.api.ImageShape;

/** Broken on purpose: writes into its input, and reads a counter that changes between calls. */
public class ImpureAugmentation extends BrightenAugmentation {
  private int calls;

  @Override
  public String id() {
    return "Impure_Brighten";
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
    super.apply(config, params, src, srcOffset, dst, dstOffset, shape);
    src[srcOffset] = 0.5f;
    dst[dstOffset + 1] = (calls++ % 2) * 0.25f;
  }
}
