package org.rmnist.plugins.convnet;

import java.util.List;
import org.rmnist.api.Doc;
import org.rmnist.support.Checks;

/**
 * Config of {@code teacher-labels}. The default teacher is best.yaml's cnn-a network (conv 32 and
 * 64 channels of 5×5 with batch norm, dense 128) trained for 3 epochs on the pool with Adam at
 * 0.002 (cosine), batches of 64, one thread (bit-reproducible).
 */
public record TeacherConfig(
    @Doc(
            "the teacher network: the convnet model's parameters; it trains (objective "
                + "supervised) on the labelled pool less the holdout, without distortions")
        ConvnetConfig teacher,
    @Doc(
            "temperature T of the labels: the teacher's probabilities p become p^(1/T), "
                + "renormalised (the softmax of its logits / T); 1 = as they are, higher = softer; "
                + "0.1..100")
        double temperature,
    @Doc(
            "pool images per class held out of the teacher's training; its accuracy on them is in "
                + "the build's facts; 1..10000")
        int holdout) {

  public TeacherConfig {
    if (teacher == null) {
      throw new IllegalArgumentException("teacher: missing; give the teacher's convnet params");
    }
    if (!teacher.objective().equals("supervised")) {
      throw new IllegalArgumentException(
          "teacher.objective: the teacher learns the pool's labels, so only 'supervised', got '"
              + teacher.objective()
              + "'");
    }
    Checks.range("temperature", temperature, 0.1, 100);
    Checks.range("holdout", holdout, 1, 10000);
  }

  /** cnn-a's network, 3 epochs on the pool; labels at temperature 4; 500 images per class held. */
  public static TeacherConfig defaults() {
    ConvnetConfig nielsen = ConvnetConfig.defaults();
    Training training =
        new Training(
            "adam", 0.002, 0, false, 0, 0.9, 0.999, 1e-8, "cosine", 0, 3, 64, false, 0, false, 1);
    ConvnetConfig cnnA =
        new ConvnetConfig(
            List.of(32, 64),
            List.of(5),
            List.of(2),
            List.of(2),
            true,
            List.of(0.0, 0.25),
            List.of(128),
            0.5,
            nielsen.inputMean(),
            nielsen.inputStd(),
            training,
            "supervised",
            nielsen.pretraining(),
            nielsen.semi());
    return new TeacherConfig(cnnA, 4, 500);
  }
}
