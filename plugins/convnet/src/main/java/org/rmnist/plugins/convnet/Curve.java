package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rmnist.support.AtomicFiles;

/** The learning curve: per epoch the learning rate, training loss and validation scores. */
final class Curve {
  static final String FILE = "curve.csv";

  /** One row; NaN where a value was not measured. */
  record Point(int epoch, double lr, double trainLoss, double accuracy, double loss) {
    boolean evaluated() {
      return !Double.isNaN(accuracy);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", epoch);
      m.put("lr", lr);
      if (!Double.isNaN(trainLoss)) {
        m.put("trainLoss", trainLoss);
      }
      if (evaluated()) {
        m.put("validationAccuracy", accuracy);
        m.put("validationLoss", loss);
      }
      return m;
    }
  }

  private final List<Point> points = new ArrayList<>();
  private Point best;

  void add(int epoch, double lr, double trainLoss, double accuracy, double loss) {
    Point p = new Point(epoch, lr, trainLoss, accuracy, loss);
    points.add(p);
    if (p.evaluated() && (best == null || accuracy > best.accuracy())) {
      best = p;
    }
  }

  /** True when {@code epoch}'s validation accuracy is the best so far (ties keep the earlier). */
  boolean isBest(int epoch) {
    return best != null && best.epoch() == epoch;
  }

  boolean isEmpty() {
    return points.isEmpty();
  }

  List<Point> points() {
    return List.copyOf(points);
  }

  /** Adds the curve and the validation summary to {@code facts}. */
  void addFacts(Map<String, Object> facts, boolean keepBest) {
    Point last = null;
    for (Point p : points) {
      if (p.evaluated()) {
        last = p;
      }
    }
    if (!points.isEmpty() && !Double.isNaN(points.get(points.size() - 1).trainLoss())) {
      facts.put("finalTrainLoss", points.get(points.size() - 1).trainLoss());
    }
    if (last != null) {
      facts.put("lastValidationAccuracy", last.accuracy());
      facts.put("bestValidationEpoch", best.epoch());
      facts.put("bestValidationAccuracy", best.accuracy());
    }
    facts.put("keepBest", keepBest);
    if (keepBest && best != null) {
      // Selection on the validation set: the reported model is the one of this epoch.
      facts.put("selectedOnValidation", true);
      facts.put("restoredEpoch", best.epoch());
    }
    if (!points.isEmpty()) {
      facts.put("curve", points.stream().map(Point::toMap).toList());
    }
  }

  /** Writes {@value #FILE} into {@code dir} (atomically); returns its path. */
  Path write(Path dir) throws IOException {
    StringBuilder sb =
        new StringBuilder("epoch,lr,train_loss,validation_accuracy,validation_loss\n");
    for (Point p : points) {
      sb.append(p.epoch())
          .append(',')
          .append(num(p.lr()))
          .append(',')
          .append(num(p.trainLoss()))
          .append(',')
          .append(num(p.accuracy()))
          .append(',')
          .append(num(p.loss()))
          .append('\n');
    }
    Path file = dir.resolve(FILE);
    AtomicFiles.writeString(file, sb.toString());
    return file;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }
}
