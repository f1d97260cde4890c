package org.rmnist.plugins.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * The host's NetworkInput as this plugin uses it, against the test reference and TensorFlow's op.
 */
class PreprocessTest {

  @Test
  void resizeMatchesTensorFlowsResizeBilinear() {
    ImageSet img = Reference.images(1, ImageShape.MNIST, 5);
    for (int size : new int[] {32, 20, 57}) {
      NetworkInput in = new NetworkInput(size, 1, "nhwc", "bilinear", null, null);
      float[] ours = new float[size * size];
      in.fill(img, 0, 1, ours);
      float[] theirs = tensorflowResize(img.pixels(), size);
      assertArrayEquals(theirs, ours, 1e-5f, "size " + size);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          assertEquals(
              theirs[y * size + x],
              Reference.sample(img.pixels(), 0, 28, 28, size, y, x),
              1e-5,
              "reference at " + y + "," + x);
        }
      }
    }
  }

  @Test
  void channelsLayoutsAndNormalisationFollowTheReference() {
    ImageSet img = Reference.images(2, ImageShape.MNIST, 7);
    double[] mean = {0.1, 0.5, -0.2};
    double[] std = {0.5, 2, 0.25};
    for (String layout : new String[] {"nhwc", "nchw"}) {
      TensorflowConfig c =
          new TensorflowConfig(
              "m",
              "serving_default",
              "",
              "",
              new NetworkInput(
                  30, 3, layout, "bilinear", List.of(0.1, 0.5, -0.2), List.of(0.5, 2.0, 0.25)),
              8);
      float[] dst = new float[30 * 30 * 3];
      c.preprocess().fill(img, 1, 2, dst);
      float[] expected = Reference.input(img, 1, 30, 3, layout.equals("nchw"), mean, std);
      assertArrayEquals(expected, dst, 1e-5f, layout);
    }
  }

  private static float[] slice(float[] a, int from, int length) {
    float[] out = new float[length];
    System.arraycopy(a, from, out, 0, length);
    return out;
  }

  private static float[] tensorflowResize(float[] image28, int size) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
      ResizeBilinear out =
          tf.image.resizeBilinear(
              in, tf.constant(new int[] {size, size}), ResizeBilinear.halfPixelCenters(true));
      try (Session s = new Session(g);
          TFloat32 x =
              TFloat32.tensorOf(
                  Shape.of(1, 28, 28, 1), DataBuffers.of(image28, true, false).narrow(784));
          Result r = s.runner().feed(in, x).fetch(out).run()) {
        float[] y = new float[size * size];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(y, false, false));
        return y;
      }
    }
  }
}
