package org.rmnist.host.run;

import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.ImageSet;

/**
 * What a training set builder returns must be a training set of its request: N images of each class
 * in the pool's shape, finite pixels, and soft labels (one distribution per image) exactly when the
 * builder said it gives them. Each failure names the builder.
 */
final class BuiltSetCheck {
  private BuiltSetCheck() {}

  /**
   * The builder's output must be a training set of the request, with soft labels exactly when it
   * said it would give them ({@code soft}): names the builder otherwise.
   */
  static void check(BuiltSet built, BuildRequest request, String id, boolean soft) {
    ImageSet images = built.images();
    String who = "training set builder '" + id + "'";
    checkSoftLabels(built.softLabels(), images.size(), request.classes(), soft, who);
    if (!images.shape().equals(request.pool().shape())) {
      throw new IllegalStateException(
          who
              + " returned images of "
              + images.shape()
              + ", the pool's are "
              + request.pool().shape());
    }
    int[] count = new int[request.classes()];
    for (int label : images.labels()) {
      if (label < 0 || label >= request.classes()) {
        throw new IllegalStateException(
            who + " returned label " + label + ", outside 0.." + (request.classes() - 1));
      }
      count[label]++;
    }
    for (int c = 0; c < count.length; c++) {
      if (count[c] != request.n()) {
        throw new IllegalStateException(
            who
                + " returned "
                + count[c]
                + " images of class "
                + c
                + ", asked for n = "
                + request.n());
      }
    }
    for (float v : images.pixels()) {
      if (!Float.isFinite(v)) {
        throw new IllegalStateException(who + " returned a pixel that is " + v);
      }
    }
  }

  private static void checkSoftLabels(
      float[] soft, int images, int classes, boolean expected, String who) {
    if (soft == null) {
      if (expected) {
        throw new IllegalStateException(
            who + " said its config gives soft labels (softLabels) and returned none");
      }
      return;
    }
    if (!expected) {
      throw new IllegalStateException(
          who + " returned soft labels though softLabels(config) says it gives none");
    }
    if (soft.length != (long) images * classes) {
      throw new IllegalStateException(
          who
              + " returned "
              + soft.length
              + " soft label values, expected "
              + images
              + " images x "
              + classes
              + " classes");
    }
    for (int i = 0; i < images; i++) {
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        float v = soft[i * classes + k];
        if (!(v >= 0) || !Float.isFinite(v)) {
          throw new IllegalStateException(
              who + " returned soft label " + v + " (image " + i + ", class " + k + "): not >= 0");
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-3) {
        throw new IllegalStateException(
            who + " returned soft labels of image " + i + " summing to " + sum + ", not 1");
      }
    }
  }
}
