package org.rmnist.plugins.baselines;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.rmnist.api.DataFormatException;

/**
 * A fitted binary decision tree in flat arrays. Node 0 is the root; a split node sends pixel values
 * {@code <= threshold} left; a leaf ({@code feature == -1}) holds class probabilities.
 *
 * @param feature the pixel each node splits on, or -1 for a leaf
 * @param threshold the split value of each node
 * @param left the left child of each split node
 * @param right the right child of each split node
 * @param value {@code classes} probabilities per node (set for leaves)
 * @param classes number of classes
 */
record Tree(
    int[] feature, double[] threshold, int[] left, int[] right, double[] value, int classes) {

  /** Number of nodes, leaves included. */
  int nodes() {
    return feature.length;
  }

  /** Number of leaves. */
  int leaves() {
    int count = 0;
    for (int f : feature) {
      if (f < 0) {
        count++;
      }
    }
    return count;
  }

  /** Longest root-to-leaf path, in splits. */
  int depth() {
    int[] depth = new int[nodes()];
    int max = 0;
    for (int n = 0; n < nodes(); n++) { // children always come after their parent
      if (feature[n] >= 0) {
        depth[left[n]] = depth[n] + 1;
        depth[right[n]] = depth[n] + 1;
        max = Math.max(max, depth[n] + 1);
      }
    }
    return max;
  }

  /** Adds the leaf distribution of the image at {@code offset} to {@code sum[at .. at+classes)}. */
  void accumulate(float[] pixels, int offset, double[] sum, int at) {
    int n = 0;
    while (feature[n] >= 0) {
      n = pixels[offset + feature[n]] <= threshold[n] ? left[n] : right[n];
    }
    for (int c = 0; c < classes; c++) {
      sum[at + c] += value[n * classes + c];
    }
  }

  /** Writes the arrays to {@code out}. */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(nodes());
    for (int n = 0; n < nodes(); n++) {
      out.writeInt(feature[n]);
      out.writeDouble(threshold[n]);
      out.writeInt(left[n]);
      out.writeInt(right[n]);
      for (int c = 0; c < classes; c++) {
        out.writeDouble(value[n * classes + c]);
      }
    }
  }

  /** Reads what {@link #write} wrote; {@code where} names the source in errors. */
  static Tree read(DataInputStream in, int classes, int pixels, String where) throws IOException {
    int nodes = ModelFiles.checkedCount(in.readInt(), 1 << 28, where, "node count");
    int[] feature = new int[nodes];
    double[] threshold = new double[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    double[] value = new double[nodes * classes];
    for (int n = 0; n < nodes; n++) {
      feature[n] = in.readInt();
      threshold[n] = in.readDouble();
      left[n] = in.readInt();
      right[n] = in.readInt();
      for (int c = 0; c < classes; c++) {
        value[n * classes + c] = in.readDouble();
      }
      boolean leaf = feature[n] == -1;
      if (!leaf
          && (feature[n] < 0
              || feature[n] >= pixels
              || left[n] <= n
              || right[n] <= n
              || left[n] >= nodes
              || right[n] >= nodes)) {
        throw new DataFormatException(
            where
                + ": node "
                + n
                + " of "
                + nodes
                + " is malformed (feature "
                + feature[n]
                + ", children "
                + left[n]
                + ", "
                + right[n]
                + ")");
      }
    }
    return new Tree(feature, threshold, left, right, value, classes);
  }
}
