package org.rmnist.plugins.supertrain;

import org.rmnist.api.Doc;

/**
 * Config of {@code prototypes} and {@code herding}: the space images are compared in.
 *
 * @param space pixels, blur or features
 * @param blur Gaussian std in pixels for space blur
 */
public record SpaceConfig(
    @Doc(
            "where images are compared: pixels; blur (pixels blurred by blur); features (the "
                + "pool's features from the data set's build.features: any feature extractor or "
                + "models/ manifest)")
        String space,
    @Doc("Gaussian blur std in pixels for space blur; (0, 10]") double blur) {

  public SpaceConfig {
    space = checkSpace(space, blur);
  }

  static SpaceConfig defaults() {
    return new SpaceConfig("pixels", 1.5);
  }

  /** The space, defaulted to pixels and checked with its blur. */
  static String checkSpace(String space, double blur) {
    if (space == null) {
      space = "pixels";
    }
    if (!Space.KINDS.contains(space)) {
      throw new IllegalArgumentException(
          "space: unknown value '" + space + "', expected one of " + Space.KINDS);
    }
    if (!(blur > 0 && blur <= 10)) {
      throw new IllegalArgumentException("blur: must be in (0, 10] pixels, got " + blur);
    }
    return space;
  }
}
