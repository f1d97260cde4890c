package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;

/** The network itself: PyTorch's layout and initialisation, and the patch (GEMM) first layer. */
class ConvNetTest {

  @Test
  void nielsensLayoutAndPyTorchsInitialisation() {
    ConvNet net = new ConvNet(ConvnetConfig.defaults(), ImageShape.MNIST, 10);
    List<String> names = net.specs().stream().map(Net.TensorSpec::name).toList();
    assertEquals(
        List.of(
            "conv1.weight",
            "conv1.bias",
            "conv2.weight",
            "conv2.bias",
            "fc1.weight",
            "fc1.bias",
            "out.weight",
            "out.bias"),
        names);
    assertEquals(new Shape(50, 320), net.specs().get(4).shape());
    assertEquals(10 * 25 + 10 + 20 * 250 + 20 + 320 * 50 + 50 + 500 + 10, net.parameterCount());
    try (NDManager m = Torch.newManager()) {
      net.initialise(m, new Seed(4));
      // conv2: fan_in 10*5*5 = 250, so weights and biases are U(-1/sqrt(250), 1/sqrt(250))
      float bound = (float) (1 / Math.sqrt(250));
      for (int k : new int[] {2, 3}) {
        float max = 0;
        for (float v : net.tensors()[k].toFloatArray()) {
          max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.8 * bound, net.specs().get(k).name() + " " + max);
      }
    }
  }

  @Test
  void patchesGiveTheConvolutionsResultsAndGradients() {
    ConvnetConfig config = Configs.with(ConvnetConfig.defaults(), "padding", List.of(1, 0));
    ConvNet net = new ConvNet(config, ImageShape.MNIST, 10);
    ImageSet images = Patterns.make(1, 9);
    int n = images.size();
    int rows = net.patchRows();
    int cols = net.patchColumns();
    assertEquals(26 * 26, rows);
    assertEquals(25, cols);
    float[] patches = new float[n * rows * cols];
    for (int i = 0; i < n; i++) {
      net.writePatches(images.pixels(), i * 784, patches, i * rows * cols);
    }
    try (NDManager m = Torch.newManager()) {
      net.initialise(m, new Seed(2));
      float[][] logits = new float[2][];
      float[][] grads = new float[2][];
      for (int way = 0; way < 2; way++) {
        try (NDManager step = m.newSubManager()) {
          NDArray x =
              way == 0
                  ? step.create(images.pixels(), net.inputShape(n))
                  : step.create(patches, new Shape((long) n * rows, cols));
          try (GradientCollector gc = Torch.engine().newGradientCollector()) {
            NDArray out = net.forward(x, false, null);
            logits[way] = out.toFloatArray();
            Torch.backward(out.sum(), step.create(1f));
          }
          NDArray w = net.tensors()[0];
          grads[way] = Torch.gradient(w).toFloatArray();
          Torch.zeroGrad(w);
          for (NDArray p : net.parameters()) {
            Torch.zeroGrad(p);
          }
        }
      }
      assertArrayEquals(logits[0], logits[1], 1e-4f);
      assertArrayEquals(grads[0], grads[1], 1e-3f);
    }
  }
}
