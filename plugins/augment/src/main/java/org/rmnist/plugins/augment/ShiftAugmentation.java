package org.rmnist.plugins.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.rmnist.api.Augmentation;
import org.rmnist.api.ImageShape;

/** {@code shift}: translation by whole pixels with zero fill; enumerable. */
@Extension
public final class ShiftAugmentation implements Augmentation<ShiftConfig, ShiftParams> {

  @Override
  public String id() {
    return "shift";
  }

  @Override
  public String summary() {
    return "translate by whole pixels (dx, dy uniform in [-max, max]) with zero fill; "
        + "enumerable (max 1: Nielsen's 9 shifts)";
  }

  @Override
  public Class<ShiftConfig> configType() {
    return ShiftConfig.class;
  }

  @Override
  public ShiftConfig defaults() {
    return ShiftConfig.defaults();
  }

  @Override
  public ShiftParams sample(ShiftConfig config, ImageShape shape, RandomGenerator random) {
    int dx = Draw.symmetric(random, config.max());
    int dy = Draw.symmetric(random, config.max());
    return new ShiftParams(dx, dy);
  }

  @Override
  public void apply(
      ShiftConfig config,
      ShiftParams params,
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      ImageShape shape) {
    ShiftKernel.shift(src, srcOffset, dst, dstOffset, shape, params.dx(), params.dy());
  }

  /** All (2 max + 1)^2 shifts: dy outer, dx inner, each from -max; (0, 0) in the middle. */
  @Override
  public List<ShiftParams> enumerate(ShiftConfig config, ImageShape shape) {
    int m = config.max();
    List<ShiftParams> all = new ArrayList<>((2 * m + 1) * (2 * m + 1));
    for (int dy = -m; dy <= m; dy++) {
      for (int dx = -m; dx <= m; dx++) {
        all.add(new ShiftParams(dx, dy));
      }
    }
    return List.copyOf(all);
  }
}
