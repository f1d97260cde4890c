package org.rmnist.plugins.supertrain;

import org.pf4j.Extension;

/**
 * {@code herding}: per class, greedily the pool images whose running mean comes closest to the
 * class mean.
 */
@Extension
public final class HerdingBuilder extends PerClassBuilder {
  @Override
  public String id() {
    return "herding";
  }

  @Override
  public String summary() {
    return "chosen real images: herding, per class greedy matching of the class mean (pixels, "
        + "blurred pixels or features)";
  }

  @Override
  int[] choose(Space space, int[] rows, int n) {
    return Chosen.herding(space, rows, n);
  }
}
