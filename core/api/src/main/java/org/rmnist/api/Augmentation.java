package org.rmnist.api;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A random image transform, split in two (as torchvision v2): {@link #sample} makes every random
 * choice, {@link #apply} is a pure function of the chosen parameters.
 *
 * <p>The host owns composition, probabilities, static expansion and on-the-fly use, and gives each
 * image its own generator derived from (seed, epoch, image, copy), so results do not depend on
 * thread count or order.
 *
 * @param <C> config record
 * @param <P> the parameters of one application (a record, so it can be logged)
 */
public interface Augmentation<C extends Record, P> extends Component<C> {

  /** Draws the parameters for one image. */
  P sample(C config, ImageShape shape, RandomGenerator random);

  /**
   * Writes the transformed image to {@code dst} at {@code dstOffset}, values in [0, 1]. The two
   * regions never overlap. Must not modify {@code src}, must not allocate per pixel, and must give
   * the same output for the same params.
   */
  void apply(
      C config, P params, float[] src, int srcOffset, float[] dst, int dstOffset, ImageShape shape);

  /**
   * Every parameter value of a discrete transform, in a fixed order, for exhaustive expansion
   * (Nielsen's 9 shifts by -1..1 px); empty for a continuous transform. Identity, when it is among
   * them, should come where the order puts it, not be left out.
   */
  default List<P> enumerate(C config, ImageShape shape) {
    return List.of();
  }
}
