package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.pf4j.Extension;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.TrainingSetBuilder;

/**
 * {@code teacher-labels}: the set another builder made first ({@code build.start}), its images as
 * they are, labelled by a teacher: a convnet trained on the labelled pool (less a holdout it is
 * measured on), whose probabilities at a temperature become the set's soft labels, the knowledge
 * distillation targets of Hinton et al. (2015) that dataset distillation's soft-label methods
 * (TESLA, SRe2L) give their synthetic images. Each image keeps the class it was built for as its
 * label; the soft label says how much it also looks like the other classes.
 */
@Extension
public final class TeacherLabelsBuilder implements TrainingSetBuilder<TeacherConfig> {
  @Override
  public String id() {
    return "teacher-labels";
  }

  @Override
  public String summary() {
    return "the start set's images with soft labels from a convnet trained on the labelled pool "
        + "(knowledge distillation; DJL + PyTorch)";
  }

  @Override
  public Class<TeacherConfig> configType() {
    return TeacherConfig.class;
  }

  @Override
  public TeacherConfig defaults() {
    return TeacherConfig.defaults();
  }

  /** It labels the set another builder makes: always. */
  @Override
  public boolean startsFrom(TeacherConfig config) {
    return true;
  }

  @Override
  public boolean softLabels(TeacherConfig config) {
    return true;
  }

  @Override
  public BuiltSet build(TeacherConfig config, BuildRequest request, BuildContext context)
      throws IOException {
    int[][] byClass = request.byClass();
    request.requireEnough(byClass);
    ImageSet start =
        request
            .start()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "build.start: teacher-labels labels the set another builder makes "
                            + "first; name that builder under build.start"));
    int classes = request.classes();
    int[][] split = split(request, byClass, config.holdout());
    ImageSet train = request.pool().select(split[0]);
    ImageSet held = request.pool().select(split[1]);
    TrainContext tc =
        new TrainContext(
            request.seed().derive("teacher"),
            classes,
            context.progress(),
            context.workDir().resolve("teacher"),
            context.threads(),
            OnTheFly.NONE);
    long t0 = System.nanoTime();
    Map<String, Object> facts = new LinkedHashMap<>();
    float[] soft;
    try (TrainedModel teacher = new ConvnetModel().fit(config.teacher(), train, held, tc)) {
      double heldAccuracy = teacher.predict(held).accuracy(held.labels());
      Predictions p = teacher.predict(start);
      soft = temper(p.probabilities(), classes, config.temperature());
      facts.put("method", id());
      facts.put("teacher_train_images", train.size());
      facts.put("holdout_images", held.size());
      facts.put("teacher_accuracy_holdout", heldAccuracy);
      facts.put("teacher_seconds", (System.nanoTime() - t0) / 1e9);
      facts.put("teacher", teacher.facts());
      facts.put("temperature", config.temperature());
      facts.put("teacher_agrees", p.accuracy(start.labels()));
    }
    double own = 0;
    for (int i = 0; i < start.size(); i++) {
      own += soft[i * classes + start.labels()[i]];
    }
    facts.put("label_own_class_mean", own / start.size());
    return new BuiltSet(start, facts, soft);
  }

  /**
   * Positions of the teacher's training images ([0]) and of the {@code holdout} per class it is
   * measured on ([1]), drawn per class from the request's seed; throws naming {@code holdout} when
   * a class would have no training image left.
   */
  static int[][] split(BuildRequest request, int[][] byClass, int holdout) {
    int total = request.pool().size();
    boolean[] held = new boolean[total];
    int heldCount = 0;
    for (int c = 0; c < byClass.length; c++) {
      if (byClass[c].length <= holdout) {
        throw new IllegalArgumentException(
            "holdout: "
                + holdout
                + " images of each class held out of the teacher's training, but class "
                + c
                + " has only "
                + byClass[c].length
                + " in the pool; hold out fewer");
      }
      int[] order = byClass[c].clone();
      SplittableRandom r = request.seed().derive("holdout", c).random();
      for (int i = 0; i < holdout; i++) {
        int j = i + r.nextInt(order.length - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
        held[order[i]] = true;
      }
      heldCount += holdout;
    }
    int[] trainAt = new int[total - heldCount];
    int[] heldAt = new int[heldCount];
    int a = 0;
    int b = 0;
    for (int i = 0; i < total; i++) {
      if (held[i]) {
        heldAt[b++] = i;
      } else {
        trainAt[a++] = i;
      }
    }
    return new int[][] {trainAt, heldAt};
  }

  /**
   * Rows of {@code classes} probabilities at temperature {@code t}: p^(1/t) renormalised, which is
   * the softmax of the logits divided by t. A zero probability stays zero.
   */
  static float[] temper(float[] probabilities, int classes, double t) {
    float[] out = new float[probabilities.length];
    double[] logs = new double[classes];
    for (int row = 0; row < probabilities.length / classes; row++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        float p = probabilities[row * classes + k];
        logs[k] = p > 0 ? Math.log(p) / t : Double.NEGATIVE_INFINITY;
        max = Math.max(max, logs[k]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        logs[k] = Math.exp(logs[k] - max);
        sum += logs[k];
      }
      for (int k = 0; k < classes; k++) {
        out[row * classes + k] = (float) (logs[k] / sum);
      }
    }
    return out;
  }
}
