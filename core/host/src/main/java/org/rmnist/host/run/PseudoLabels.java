package org.rmnist.host.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Predictions;
import org.rmnist.api.UnlabelledImages;
import org.rmnist.host.config.PseudoLabelSpec;

/**
 * Self-training's data: a student's labelled images plus the unlabelled images its teacher labelled
 * confidently enough, with the teacher's labels. Only the teacher's saved predictions and the
 * images' source indices are read, never a pool label.
 */
final class PseudoLabels {
  private PseudoLabels() {}

  /**
   * What a teacher predicted for its unlabelled view.
   *
   * @param sources each row's source index in the pool
   * @param predictions the teacher's class probabilities, one row per source
   */
  record Taught(int[] sources, Predictions predictions) {
    Taught {
      if (sources.length != predictions.size()) {
        throw new IllegalArgumentException(
            sources.length + " source indices for " + predictions.size() + " predictions");
      }
    }
  }

  /**
   * The student's training set and targets.
   *
   * @param train the labelled images first, then the pseudo-labelled ones
   * @param softLabels one row per image of {@code train} when the labels are soft, else null
   * @param facts what was kept, for the run's metrics
   */
  record Student(ImageSet train, float[] softLabels, Map<String, Object> facts) {}

  /**
   * Adds to {@code train} the images of {@code view} that the teacher predicted, kept by {@code
   * spec}'s threshold and per-class share. {@code trainSoft} are the labelled images' own soft
   * labels, or null (they get one-hot rows when the labels are soft).
   */
  static Student apply(
      PseudoLabelSpec spec,
      String teacher,
      Taught taught,
      ImageSet train,
      float[] trainSoft,
      UnlabelledImages view,
      int classes) {
    Predictions p = taught.predictions();
    if (p.classes() != classes) {
      throw new IllegalStateException(
          "teacher " + teacher + " predicted " + p.classes() + " classes, not " + classes);
    }
    Map<Integer, Integer> row = new HashMap<>(taught.sources().length * 2);
    for (int i = 0; i < taught.sources().length; i++) {
      row.put(taught.sources()[i], i);
    }
    // candidates by predicted class: view position, teacher row, confidence
    List<List<double[]>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    int predicted = 0;
    for (int v = 0; v < view.size(); v++) {
      Integer r = row.get(view.sourceIndices()[v]);
      if (r == null) {
        continue;
      }
      predicted++;
      int c = p.argmax(r);
      float confidence = p.probabilities()[r * classes + c];
      if (confidence >= spec.threshold().floatValue()) { // probabilities are floats: 0.7 keeps 0.7f
        byClass.get(c).add(new double[] {v, r, confidence});
      }
    }
    List<double[]> kept = new ArrayList<>();
    List<Integer> keptByClass = new ArrayList<>();
    double confidenceSum = 0;
    for (List<double[]> candidates : byClass) {
      candidates.sort(
          (a, b) -> a[2] != b[2] ? Double.compare(b[2], a[2]) : Double.compare(a[0], b[0]));
      int keep = (int) Math.ceil(spec.share() * candidates.size() - 1e-9);
      keptByClass.add(keep);
      for (double[] k : candidates.subList(0, keep)) {
        kept.add(k);
        confidenceSum += k[2];
      }
    }
    kept.sort((a, b) -> Double.compare(a[0], b[0])); // view order
    int n = kept.size();
    int[] positions = new int[n];
    int[] labels = new int[n];
    for (int k = 0; k < n; k++) {
      positions[k] = (int) kept.get(k)[0];
      labels[k] = p.argmax((int) kept.get(k)[1]);
    }
    UnlabelledImages chosen = view.select(positions);
    ImageSet added = new ImageSet(chosen.pixels(), labels, chosen.shape(), chosen.sourceIndices());
    ImageSet all = train.concat(added);
    float[] soft = null;
    if (spec.soft() || trainSoft != null) {
      // hard pseudo-labels beside soft labelled rows (a built set's) become one-hot rows
      soft = new float[all.size() * classes];
      if (trainSoft != null) {
        System.arraycopy(trainSoft, 0, soft, 0, train.size() * classes);
      } else {
        for (int i = 0; i < train.size(); i++) {
          soft[i * classes + train.labels()[i]] = 1f;
        }
      }
      for (int k = 0; k < n; k++) {
        int at = (train.size() + k) * classes;
        if (spec.soft()) {
          System.arraycopy(p.probabilities(), (int) kept.get(k)[1] * classes, soft, at, classes);
        } else {
          soft[at + labels[k]] = 1f;
        }
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("teacher", teacher);
    facts.put("view_images_predicted", predicted);
    facts.put("kept", n);
    facts.put("kept_by_class", keptByClass);
    facts.put("mean_confidence_kept", n == 0 ? Double.NaN : confidenceSum / n);
    facts.put("labels", spec.labels());
    return new Student(all, soft, facts);
  }
}
