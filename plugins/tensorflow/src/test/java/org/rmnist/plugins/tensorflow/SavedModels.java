package org.rmnist.plugins.tensorflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * SavedModels written by TensorFlow Java for the tests: input {@code image} → flatten → matmul with
 * a weight variable + bias variable → {@code logits} → relu → {@code features} (signature {@code
 * serving_default}), plus a signature {@code pixels} whose output {@code same} is the input itself.
 * Weights live in variables, so two models that differ only in weights have the same {@code
 * saved_model.pb}.
 */
final class SavedModels {
  private SavedModels() {}

  /** A dense layer's parameters: {@code weights[i * out + j]} maps input i to output j. */
  record Dense(int in, int out, float[] weights, float[] bias) {

    /** Random weights and biases in [-0.5, 0.5) (biases half of them negative: relu matters). */
    static Dense random(int in, int out, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      float[] w = new float[in * out];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (r.nextDouble() - 0.5) * 0.2f;
      }
      float[] b = new float[out];
      for (int j = 0; j < out; j++) {
        b[j] = (float) (r.nextDouble() - 0.5);
      }
      return new Dense(in, out, w, b);
    }

    /** {@code x W + b} for one flattened input, then relu when asked. */
    float[] apply(float[] x, int offset, boolean relu) {
      float[] y = new float[out];
      for (int j = 0; j < out; j++) {
        double s = bias[j];
        for (int i = 0; i < in; i++) {
          s += (double) x[offset + i] * weights[i * out + j];
        }
        y[j] = relu ? (float) Math.max(0, s) : (float) s;
      }
      return y;
    }
  }

  /**
   * Writes the model to {@code dir}.
   *
   * @param inputShape the declared input shape, batch first (-1 = any); null for an unknown rank
   * @param dense the layer; its {@code in} is the product of the non-batch input dimensions
   */
  static Path write(Path dir, long[] inputShape, Dense dense) throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> image =
          inputShape == null
              ? tf.withName("image").placeholder(TFloat32.class)
              : tf.withName("image")
                  .placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
      Operand<TFloat32> flat = tf.reshape(image, tf.constant(new long[] {-1, dense.in()}));
      Variable<TFloat32> w =
          tf.withName("w").variable(Shape.of(dense.in(), dense.out()), TFloat32.class);
      Variable<TFloat32> b = tf.withName("b").variable(Shape.of(dense.out()), TFloat32.class);
      Placeholder<TFloat32> wValue = tf.withName("w_value").placeholder(TFloat32.class);
      Placeholder<TFloat32> bValue = tf.withName("b_value").placeholder(TFloat32.class);
      Assign<TFloat32> setW = tf.assign(w, wValue);
      Assign<TFloat32> setB = tf.assign(b, bValue);
      Operand<TFloat32> logits = tf.withName("logits").math.add(tf.linalg.matMul(flat, w), b);
      Operand<TFloat32> features = tf.withName("features").nn.relu(logits);
      Operand<TFloat32> same = tf.withName("same").identity(image);
      try (Session session = new Session(g);
          TFloat32 wt =
              TFloat32.tensorOf(
                  Shape.of(dense.in(), dense.out()), DataBuffers.of(dense.weights(), true, false));
          TFloat32 bt =
              TFloat32.tensorOf(Shape.of(dense.out()), DataBuffers.of(dense.bias(), true, false));
          Result ignored =
              session
                  .runner()
                  .feed(wValue, wt)
                  .feed(bValue, bt)
                  .addTarget(setW)
                  .addTarget(setB)
                  .run()) {
        Signature main =
            Signature.builder()
                .key("serving_default")
                .input("image", image)
                .output("features", features)
                .output("logits", logits)
                .build();
        Signature pixels =
            Signature.builder().key("pixels").input("image", image).output("same", same).build();
        SavedModelBundle.exporter(dir.toString())
            .withSession(session)
            .withSignature(main)
            .withSignature(pixels)
            .export();
      }
    }
    return dir;
  }

  /** The MNIST-shaped model: input [batch, 28, 28, 1], 16 features. */
  static Path mnist(Path dir, long seed) throws IOException {
    return write(dir, new long[] {-1, 28, 28, 1}, Dense.random(784, 16, seed));
  }
}
