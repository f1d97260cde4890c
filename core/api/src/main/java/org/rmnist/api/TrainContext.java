package org.rmnist.api;

import java.nio.file.Path;

/**
 * What the host gives a {@link Model} for one training run.
 *
 * @param seed the training seed; derive children for init, shuffling, augmentation, engine RNGs
 * @param classes the task's number of classes: labels lie in [0, classes), and predictions have
 *     this many columns even when the training set lacks a class
 * @param progress where to report epochs or steps
 * @param workDir a folder of this run's own, for checkpoints (kept across a resumed run)
 * @param threads how many threads the model may use
 * @param onTheFly fresh augmentation per epoch, or {@link OnTheFly#NONE}
 * @param unlabelled the run's unlabelled images (YAML {@code unlabelled:}), empty when it asks for
 *     none: pool images whose labels no model can read; models of the unlabelled track pretrain or
 *     regularise on them
 * @param softLabels null, or one row of {@code classes} probabilities per training image, in the
 *     training set's order (also after onTheFly steps, which keep it): the targets a built training
 *     set learned; given only to a model whose {@link Model#softLabels} says it uses them
 */
public record TrainContext(
    Seed seed,
    int classes,
    Progress progress,
    Path workDir,
    int threads,
    OnTheFly onTheFly,
    UnlabelledImages unlabelled,
    float[] softLabels) {

  /** A context without unlabelled images. */
  public TrainContext(
      Seed seed, int classes, Progress progress, Path workDir, int threads, OnTheFly onTheFly) {
    this(seed, classes, progress, workDir, threads, onTheFly, null, null);
  }

  /** A context without soft labels. */
  public TrainContext(
      Seed seed,
      int classes,
      Progress progress,
      Path workDir,
      int threads,
      OnTheFly onTheFly,
      UnlabelledImages unlabelled) {
    this(seed, classes, progress, workDir, threads, onTheFly, unlabelled, null);
  }

  public TrainContext {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
    unlabelled = unlabelled == null ? UnlabelledImages.none(ImageShape.MNIST) : unlabelled;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (softLabels != null && softLabels.length % classes != 0) {
      throw new IllegalArgumentException(
          "softLabels: " + softLabels.length + " values are not rows of " + classes + " classes");
    }
  }
}
