package org.rmnist.plugins.baselines;

import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;

/**
 * LIBSVM's one-vs-one decision values ({@code svm_predict_values} for C-SVC), computed from a dense
 * query against sparse support vectors, which is several times faster than LIBSVM's sparse merge.
 *
 * <p>Linear kernel values are bit-identical to LIBSVM's (the same products summed in the same
 * order, plus exact zeros). RBF distances are {@code |q|^2 + |s|^2 - 2 q.s}: exact for pixels
 * {@code byte/256} (every term a multiple of 2^-16), within rounding of LIBSVM's otherwise.
 */
final class SvmDecision {
  private final svm_model model;
  private final boolean rbf;
  private final int[] start;
  private final int[] svStart;
  private final int[] svPixel;
  private final double[] svValue;
  private final double[] svNorm;

  /** Reads {@code model}'s support vectors, whose indices must be pixels in [0, size). */
  SvmDecision(svm_model model, int size) {
    int kernel = model.param.kernel_type;
    if (kernel != svm_parameter.LINEAR && kernel != svm_parameter.RBF) {
      throw new IllegalArgumentException("only linear and RBF kernels, got kernel type " + kernel);
    }
    this.model = model;
    this.rbf = kernel == svm_parameter.RBF;
    start = new int[model.nr_class];
    for (int i = 1; i < model.nr_class; i++) {
      start[i] = start[i - 1] + model.nSV[i - 1];
    }
    int nonZero = 0;
    for (svm_node[] sv : model.SV) {
      nonZero += sv.length;
    }
    svStart = new int[model.l + 1];
    svPixel = new int[nonZero];
    svValue = new double[nonZero];
    svNorm = new double[model.l];
    int at = 0;
    for (int s = 0; s < model.l; s++) {
      svStart[s] = at;
      for (svm_node node : model.SV[s]) {
        if (node.index < 0 || node.index >= size) {
          throw new IllegalArgumentException(
              "support vector "
                  + s
                  + " has index "
                  + node.index
                  + ", outside the "
                  + size
                  + " pixels");
        }
        svPixel[at] = node.index;
        svValue[at++] = node.value;
        svNorm[s] += node.value * node.value;
      }
    }
    svStart[model.l] = at;
  }

  /** Number of one-vs-one pairs, the length of {@link #values}'s output. */
  int pairs() {
    return model.nr_class * (model.nr_class - 1) / 2;
  }

  /** Decision values of the image at {@code offset}, pair (i, j) positive when i wins. */
  void values(float[] pixels, int offset, int size, double[] decision) {
    double[] q = new double[size];
    double qNorm = 0;
    for (int p = 0; p < size; p++) {
      q[p] = pixels[offset + p];
      qNorm += q[p] * q[p];
    }
    double[] k = new double[model.l];
    for (int s = 0; s < model.l; s++) {
      double dot = 0;
      for (int t = svStart[s]; t < svStart[s + 1]; t++) {
        dot += q[svPixel[t]] * svValue[t];
      }
      k[s] = rbf ? Math.exp(-model.param.gamma * (qNorm + svNorm[s] - 2 * dot)) : dot;
    }
    int p = 0;
    for (int i = 0; i < model.nr_class; i++) {
      for (int j = i + 1; j < model.nr_class; j++) {
        double sum = 0;
        double[] coefI = model.sv_coef[j - 1];
        double[] coefJ = model.sv_coef[i];
        for (int s = start[i]; s < start[i] + model.nSV[i]; s++) {
          sum += coefI[s] * k[s];
        }
        for (int s = start[j]; s < start[j] + model.nSV[j]; s++) {
          sum += coefJ[s] * k[s];
        }
        decision[p] = sum - model.rho[p];
        p++;
      }
    }
  }
}
