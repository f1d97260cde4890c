package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our dense-query decision values equal LIBSVM's own {@code svm_predict_values}. */
class SvmDecisionTest {
  private static final int SIZE = 40;

  @ParameterizedTest
  @ValueSource(ints = {svm_parameter.LINEAR, svm_parameter.RBF})
  void matchesLibsvm(int kernel) {
    svm.svm_set_print_string_function(s -> {});
    SplittableRandom rng = new SplittableRandom(kernel);
    int n = 60;
    float[][] x = new float[n][];
    svm_problem problem = new svm_problem();
    problem.l = n;
    problem.x = new svm_node[n][];
    problem.y = new double[n];
    for (int i = 0; i < n; i++) {
      problem.y[i] = (i * 7) % 4; // classes appear out of order, as in RMNIST
      x[i] = image(rng, (int) problem.y[i]);
      problem.x[i] = sparse(x[i]);
    }
    svm_parameter p = new svm_parameter();
    p.svm_type = svm_parameter.C_SVC;
    p.kernel_type = kernel;
    p.gamma = 0.05;
    p.C = 1;
    p.cache_size = 10;
    p.eps = 1e-3;
    p.shrinking = 1;
    p.weight_label = new int[0];
    p.weight = new double[0];
    svm_model model = svm.svm_train(problem, p);
    SvmDecision ours = new SvmDecision(model, SIZE);
    for (int q = 0; q < 50; q++) {
      float[] query = image(rng, q % 4);
      double[] expected = new double[ours.pairs()];
      double[] actual = new double[ours.pairs()];
      svm.svm_predict_values(model, sparse(query), expected);
      ours.values(query, 0, SIZE, actual);
      for (int k = 0; k < expected.length; k++) {
        assertEquals(expected[k], actual[k], 1e-12, "query " + q + " pair " + k);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aTiedVoteGoesToTheLowestDigitWhateverLibsvmsClassOrder() {
    // LIBSVM slots hold digits 2, 0, 1 (first appearance); 2 beats 0, 1 beats 2, 0 beats 1
    float[] shares = new float[4];
    SvmTrainedModel.voteShares(new double[] {1, -1, 1}, new int[] {2, 0, 1}, shares, 1);
    assertEquals(0f, shares[0]);
    assertEquals(1f / 3, shares[1], 1e-7);
    assertEquals(1f / 3, shares[2], 1e-7);
    assertEquals(1f / 3, shares[3], 1e-7);
    var p = new org.rmnist.api.Predictions(java.util.Arrays.copyOfRange(shares, 1, 4), 3);
    assertEquals(0, p.argmax(0)); // LIBSVM's svm_predict would answer 2, its first slot
  }

  private static float[] image(SplittableRandom rng, int c) {
    float[] v = new float[SIZE];
    for (int j = 0; j < SIZE; j++) {
      if (rng.nextInt(3) == 0 || j % 4 == c) {
        v[j] = rng.nextInt(256) / 255f;
      }
    }
    return v;
  }

  private static svm_node[] sparse(float[] v) {
    List<svm_node> nodes = new ArrayList<>();
    for (int j = 0; j < v.length; j++) {
      if (v[j] != 0) {
        svm_node node = new svm_node();
        node.index = j;
        node.value = v[j];
        nodes.add(node);
      }
    }
    return nodes.toArray(new svm_node[0]);
  }
}
