package org.rmnist.plugins.augment;

import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** {@code elastic}: Simard et al.'s (2003) smoothed random displacement field, bilinear. */
@Extension
public final class ElasticAugmentation implements Augmentation<ElasticConfig, ElasticParams> {

  /** Scratch buffers only (never part of a result), so sharing them per thread is safe. */
  private static final ThreadLocal<ElasticKernel.Workspace> WORKSPACE =
      ThreadLocal.withInitial(ElasticKernel.Workspace::new);

  @Override
  public String id() {
    return "elastic";
  }

  @Override
  public String summary() {
    return "elastic distortion (Simard et al. 2003): uniform noise smoothed by a Gaussian of std "
        + "sigma, times alpha pixels, bilinear resampling";
  }

  @Override
  public Class<ElasticConfig> configType() {
    return ElasticConfig.class;
  }

  @Override
  public ElasticConfig defaults() {
    return ElasticConfig.defaults();
  }

  /** Draws the x field, then the y field, each height x width uniforms row by row. */
  @Override
  public ElasticParams sample(ElasticConfig config, ImageShape shape, RandomGenerator random) {
    int n = shape.height() * shape.width();
    float[] dx = new float[n];
    float[] dy = new float[n];
    if (config.alpha() > 0) {
      var ws = WORKSPACE.get().prepare(config.sigma(), shape.height(), shape.width());
      ElasticKernel.field(random, ws, (float) config.alpha(), dx);
      ElasticKernel.field(random, ws, (float) config.alpha(), dy);
    }
    return new ElasticParams(dx, dy);
  }

  @Override
  public void apply(
      ElasticConfig config,
      ElasticParams params,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    ParamArrays.plane("elastic dx", params.dx(), shape);
    ElasticKernel.warp(params.dx(), params.dy(), src, srcOffset, dst, dstOffset, shape);
  }
}
