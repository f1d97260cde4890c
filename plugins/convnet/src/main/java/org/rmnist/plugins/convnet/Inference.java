package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;
import org.rmnist.api.ImageSet;

/** Forward passes without autograd, in chunks of the network's choosing. */
final class Inference {
  private Inference() {}

  /**
   * Per-image class probabilities ({@code log = false}) or log-probabilities ({@code log = true}),
   * row-major, {@code classes} columns. Runs with autograd off and dropout off (batch norm uses its
   * running statistics).
   */
  static float[] scores(Net net, NDManager parent, ImageSet images, int classes, boolean log) {
    return outputs(
        net,
        parent,
        images,
        classes,
        x -> {
          NDArray logits = net.forward(x, false, null);
          return log ? logits.logSoftmax(1) : logits.softmax(1);
        });
  }

  /**
   * Per-image rows of {@code width} values that {@code head} computes from a chunk of inputs (batch
   * first); autograd off, temporaries in a sub-manager per chunk of {@link Net#inferenceChunk()}
   * images.
   */
  static float[] outputs(
      Net net, NDManager parent, ImageSet images, int width, UnaryOperator<NDArray> head) {
    int n = images.size();
    int size = net.inputValues();
    int chunkSize = Math.max(1, net.inferenceChunk());
    float[] out = new float[Math.multiplyExact(n, width)];
    boolean before = Torch.gradMode(false);
    try {
      for (int from = 0; from < n; from += chunkSize) {
        int count = Math.min(chunkSize, n - from);
        float[] px = new float[count * size];
        for (int i = 0; i < count; i++) {
          net.writeInput(images, from + i, px, i * size);
        }
        try (NDManager chunk = parent.newSubManager()) {
          NDArray result = head.apply(chunk.create(px, net.inputShape(count)));
          System.arraycopy(result.toFloatArray(), 0, out, from * width, count * width);
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
