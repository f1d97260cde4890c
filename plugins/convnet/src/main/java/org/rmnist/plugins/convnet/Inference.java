package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.rmnist.api.ImageSet;

/** Forward passes without autograd, in chunks of {@value #CHUNK} images. */
final class Inference {
  static final int CHUNK = 1000;

  private Inference() {}

  /**
   * Per-image class probabilities ({@code log = false}) or log-probabilities ({@code log = true}),
   * row-major, {@code classes} columns. Runs with autograd off and dropout off (batch norm uses
   * its running statistics); temporaries live in a sub-manager per chunk.
   */
  static float[] scores(Net net, NDManager parent, ImageSet images, int classes, boolean log) {
    int n = images.size();
    int size = images.shape().size();
    float[] norm = net.normalisation();
    float inv = 1f / norm[1];
    float[] out = new float[n * classes];
    boolean before = Torch.gradMode(false);
    try {
      for (int from = 0; from < n; from += CHUNK) {
        int count = Math.min(CHUNK, n - from);
        float[] px = new float[count * size];
        float[] src = images.pixels();
        int offset = from * size;
        for (int j = 0; j < px.length; j++) {
          px[j] = (src[offset + j] - norm[0]) * inv;
        }
        try (NDManager chunk = parent.newSubManager()) {
          NDArray x = chunk.create(px, net.inputShape(count));
          NDArray logits = net.forward(x, false, null);
          NDArray scores = log ? logits.logSoftmax(1) : logits.softmax(1);
          System.arraycopy(scores.toFloatArray(), 0, out, from * classes, count * classes);
        }
      }
    } finally {
      Torch.gradMode(before);
    }
    return out;
  }

  /** Accuracy and mean negative log-likelihood of log-probabilities against labels. */
  static double[] accuracyAndLoss(float[] logProbabilities, int[] labels, int classes) {
    int correct = 0;
    double nll = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (logProbabilities[i * classes + c] > logProbabilities[i * classes + best]) {
          best = c;
        }
      }
      if (best == labels[i]) {
        correct++;
      }
      nll -= logProbabilities[i * classes + labels[i]];
    }
    return new double[] {(double) correct / labels.length, nll / labels.length};
  }
}
