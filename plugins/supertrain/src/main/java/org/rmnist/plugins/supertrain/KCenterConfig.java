package org.rmnist.plugins.supertrain;

import java.util.List;
import org.rmnist.api.Doc;

/**
 * Config of {@code kcenter}.
 *
 * @param space pixels, blur or features
 * @param blur Gaussian std in pixels for space blur
 * @param start mean (the image nearest the class mean first) or random (seeded)
 */
public record KCenterConfig(
    @Doc("where images are compared: pixels, blur or features (as prototypes)") String space,
    @Doc("Gaussian blur std in pixels for space blur; (0, 10]") double blur,
    @Doc("first centre: mean (the image nearest the class mean) or random (from the build seed)")
        String start) {

  static final List<String> STARTS = List.of("mean", "random");

  public KCenterConfig {
    space = SpaceConfig.checkSpace(space, blur);
    if (start == null) {
      start = "mean";
    }
    if (!STARTS.contains(start)) {
      throw new IllegalArgumentException(
          "start: unknown value '" + start + "', expected one of " + STARTS);
    }
  }

  static KCenterConfig defaults() {
    return new KCenterConfig("pixels", 1.5, "mean");
  }
}
