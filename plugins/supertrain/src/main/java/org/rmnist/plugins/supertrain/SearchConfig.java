package org.rmnist.plugins.supertrain;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code search}.
 *
 * @param space pixels, blur or features
 * @param blur Gaussian std in pixels for space blur
 * @param start the set the search starts from
 * @param selection pool images held out to score candidate sets
 * @param iterations proposals (one image of one class swapped for another)
 * @param temperature initial annealing temperature, decaying linearly to 0
 * @param candidates per class, proposals come from this many images nearest the class mean
 */
public record SearchConfig(
    @Doc("where images are compared: pixels, blur or features (as prototypes)") String space,
    @Doc("Gaussian blur std in pixels for space blur; (0, 10]") double blur,
    @Doc("the set the search starts from: herding, prototypes, kcenter or random") String start,
    @Doc(
            "pool images held out (stratified, from the build seed) to score candidate sets with a "
                + "1-NN classifier in the space; they are never chosen; 10..45000")
        int selection,
    @Doc("proposals: one image of one class swapped for another of its class; 0..1000000")
        int iterations,
    @Doc(
            "simulated annealing: a worse set is kept with probability exp(-loss/T), T falling "
                + "linearly from this (in accuracy, 0.001 = 0.1 points) to 0; 0 = hill climbing; "
                + "0..1")
        double temperature,
    @Doc(
            "proposals per class come from this many images nearest the class mean; 0 = every "
                + "image of the class; 0..100000")
        int candidates) {

  static final List<String> STARTS = List.of("herding", "prototypes", "kcenter", "random");

  public SearchConfig {
    space = SpaceConfig.checkSpace(space, blur);
    if (start == null) {
      start = "herding";
    }
    if (!STARTS.contains(start)) {
      throw new IllegalArgumentException(
          "start: unknown value '" + start + "', expected one of " + STARTS);
    }
    Checks.range("selection", selection, 10, 45_000, "");
    Checks.range("iterations", iterations, 0, 1_000_000, "");
    Checks.range("temperature", temperature, 0, 1);
    Checks.range("candidates", candidates, 0, 100_000, " (0 = every image of the class)");
  }

  static SearchConfig defaults() {
    return new SearchConfig("pixels", 1.5, "herding", 5000, 4000, 0.001, 0);
  }
}
