package org.rmnist.plugins.augment;

import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code elastic} (Simard, Steinkraus and Platt 2003: sigma 4, alpha 34 on MNIST).
 *
 * @param alpha displacement scale in pixels
 * @param sigma smoothness of the displacement field
 */
public record ElasticConfig(
    @Doc(
            "scale of the smoothed noise in pixels: displacement = alpha * gaussian(uniform(-1, 1)"
                + ", sigma); 0 = identity; 0..1000 (Simard: 34; torchvision's alpha is twice "
                + "ours for the same pixels)")
        double alpha,
    @Doc(
            "std of the Gaussian smoothing the noise, in pixels (kernel radius 4 sigma, mirrored "
                + "borders); 0 = no smoothing; 0..50 (Simard: 4)")
        double sigma) {

  public ElasticConfig {
    Checks.range("alpha", alpha, 0, 1000);
    Checks.range("sigma", sigma, 0, 50);
  }

  /** Simard's alpha 34, sigma 4. */
  public static ElasticConfig defaults() {
    return new ElasticConfig(34, 4);
  }
}
