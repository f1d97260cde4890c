package org.rmnist.plugins.supertrain;

import org.pf4j.Extension;

/** {@code prototypes}: per class, the N pool images nearest to the class mean. */
@Extension
public final class PrototypesBuilder extends PerClassBuilder {
  @Override
  public String id() {
    return "prototypes";
  }

  @Override
  public String summary() {
    return "chosen real images: per class the N nearest to the class mean (pixels, blurred pixels "
        + "or features)";
  }

  @Override
  int[] choose(Space space, int[] rows, int n) {
    return Chosen.prototypes(space, rows, n);
  }
}
