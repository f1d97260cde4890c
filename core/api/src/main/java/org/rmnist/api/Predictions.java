package org.rmnist.api;

/**
 * Class probabilities for a batch of images: row {@code i} is {@code probabilities[i*classes ..]}.
 *
 * <p>Models that only vote (1-NN, trees) put 1 on the chosen class.
 */
public record Predictions(float[] probabilities, int classes) {

  public Predictions {
    if (classes < 2 || probabilities.length % classes != 0) {
      throw new IllegalArgumentException(
          probabilities.length + " probabilities do not divide into rows of " + classes);
    }
  }

  /** A prediction that puts all mass on the given labels. */
  public static Predictions ofLabels(int[] predicted, int classes) {
    float[] p = new float[predicted.length * classes];
    for (int i = 0; i < predicted.length; i++) {
      p[i * classes + predicted[i]] = 1f;
    }
    return new Predictions(p, classes);
  }

  /** Number of rows. */
  public int size() {
    return probabilities.length / classes;
  }

  /** The most probable class of row {@code i} (lowest index wins ties). */
  public int argmax(int i) {
    int best = 0;
    float bestP = probabilities[i * classes];
    for (int c = 1; c < classes; c++) {
      float p = probabilities[i * classes + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    return best;
  }

  /** Confusion matrix: {@code [true][predicted]} counts. */
  public int[][] confusion(int[] labels) {
    checkSize(labels);
    int[][] m = new int[classes][classes];
    for (int i = 0; i < labels.length; i++) {
      m[labels[i]][argmax(i)]++;
    }
    return m;
  }

  /** Fraction of rows whose argmax equals the label. */
  public double accuracy(int[] labels) {
    checkSize(labels);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (argmax(i) == labels[i]) {
        correct++;
      }
    }
    return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
  }

  private void checkSize(int[] labels) {
    if (labels.length != size()) {
      throw new IllegalArgumentException(labels.length + " labels for " + size() + " predictions");
    }
  }
}
