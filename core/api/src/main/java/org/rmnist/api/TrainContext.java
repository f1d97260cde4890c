package org.rmnist.api;

import java.nio.file.Path;

/**
 * What the host gives a {@link Model} for one training run.
 *
 * @param seed the training seed; derive children for init, shuffling, augmentation, engine RNGs
 * @param progress where to report epochs or steps
 * @param workDir a folder of this run's own, for checkpoints (kept across a resumed run)
 * @param threads how many threads the model may use
 * @param onTheFly fresh augmentation per epoch, or {@link OnTheFly#NONE}
 */
public record TrainContext(
    Seed seed, Progress progress, Path workDir, int threads, OnTheFly onTheFly) {}
