package org.rmnist.host.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-training (YAML {@code pseudoLabels:}): another run of the experiment, the teacher, labels
 * the unlabelled images, and this run trains on its own labelled images plus the unlabelled images
 * the teacher is sure enough of, with the teacher's labels. The pool's own labels are never read:
 * the labels come from the teacher, which learned from the N × 10 labelled images (and the pool's
 * images). The teacher is trained first, on the same draw with the same training seed (or its only
 * seed, which then teaches every seed of the student) and saves its predictions of its unlabelled
 * view; when the teacher trains again, so does this run.
 *
 * @param teacher the run whose predictions become labels: a model run defined above this one in the
 *     file, with an {@code unlabelled:} view of its own
 * @param threshold keep an image only if the teacher's top probability is at least this; [0, 1)
 * @param share then keep, per class the teacher predicts, this most confident share of the images;
 *     (0, 1] (class-balanced, unlike a threshold on probabilities a teacher may not calibrate)
 * @param labels {@code hard}: the teacher's most probable class; {@code soft}: its whole
 *     distribution (for models that train on soft labels)
 */
public record PseudoLabelSpec(String teacher, Double threshold, Double share, String labels) {

  /** The allowed values of {@code labels}. */
  public static final List<String> LABELS = List.of("hard", "soft");

  public PseudoLabelSpec {
    threshold = threshold == null ? 0.0 : threshold;
    share = share == null ? 1.0 : share;
    labels = labels == null ? "hard" : labels;
  }

  /** Whether the teacher's whole distributions are the targets. */
  public boolean soft() {
    return "soft".equals(labels);
  }

  /** What decides the labels given, apart from the teacher's own identity. */
  public Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("share", share);
    m.put("labels", labels);
    return m;
  }
}
