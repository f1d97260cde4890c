package org.rmnist.api;

/** Augments a training set anew for each epoch; the host builds it from a run's augment list. */
@FunctionalInterface
public interface OnTheFly {

  /** No on-the-fly augmentation: every epoch sees the images as they are. */
  OnTheFly NONE = (images, epoch) -> images;

  /** The training images for {@code epoch}, each distorted with its own derived seed. */
  ImageSet epoch(ImageSet images, int epoch);
}
