package org.rmnist.plugins.baselines;

import java.util.Arrays;

/** Growable flat arrays of tree nodes, turned into a {@link Tree} when the tree is grown. */
final class NodeList {
  private final int classes;
  private int size;
  private int[] feature = new int[64];
  private double[] threshold = new double[64];
  private int[] left = new int[64];
  private int[] right = new int[64];
  private double[] value;

  NodeList(int classes) {
    this.classes = classes;
    this.value = new double[64 * classes];
  }

  void clear() {
    size = 0;
  }

  /** Appends a node (a leaf until {@link #split} says otherwise) and returns its id. */
  int add() {
    if (size == feature.length) {
      int capacity = 2 * size;
      feature = Arrays.copyOf(feature, capacity);
      threshold = Arrays.copyOf(threshold, capacity);
      left = Arrays.copyOf(left, capacity);
      right = Arrays.copyOf(right, capacity);
      value = Arrays.copyOf(value, capacity * classes);
    }
    feature[size] = -1;
    threshold[size] = 0;
    left[size] = -1;
    right[size] = -1;
    Arrays.fill(value, size * classes, (size + 1) * classes, 0);
    return size++;
  }

  void split(int node, int f, double t, int l, int r) {
    feature[node] = f;
    threshold[node] = t;
    left[node] = l;
    right[node] = r;
  }

  /** Makes {@code node} a leaf holding {@code weights} normalised to probabilities. */
  void leaf(int node, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    for (int c = 0; c < classes; c++) {
      value[node * classes + c] = weights[c] / total;
    }
  }

  Tree toTree() {
    return new Tree(
        Arrays.copyOf(feature, size),
        Arrays.copyOf(threshold, size),
        Arrays.copyOf(left, size),
        Arrays.copyOf(right, size),
        Arrays.copyOf(value, size * classes),
        classes);
  }
}
