package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;

/** The network itself: torchvision's names, sizes and initialisation. */
class ResNetTest {

  @Test
  void resnet18HasTorchvisionsTensorsAndParameterCount() {
    ResNet net = new ResNet(ResnetConfig.defaults(), ImageShape.MNIST, 10);
    List<String> names = net.specs().stream().map(Net.TensorSpec::name).toList();
    assertEquals(
        List.of(
            "conv1.weight",
            "bn1.weight",
            "bn1.bias",
            "bn1.running_mean",
            "bn1.running_var",
            "layer1.0.conv1.weight",
            "layer1.0.bn1.weight"),
        names.subList(0, 7));
    assertTrue(
        names.containsAll(
            List.of(
                "layer2.0.downsample.0.weight",
                "layer2.0.downsample.1.running_var",
                "layer4.1.conv2.weight",
                "layer4.1.bn2.bias")));
    assertEquals(List.of("fc.weight", "fc.bias"), names.subList(names.size() - 2, names.size()));
    assertEquals(false, names.stream().anyMatch(n -> n.startsWith("layer1.0.downsample")));
    assertEquals(
        new Shape(256, 128, 1, 1),
        net.specs().get(names.indexOf("layer3.0.downsample.0.weight")).shape());
    assertEquals(new Shape(10, 512), net.specs().get(names.indexOf("fc.weight")).shape());
    // torchvision.models.resnet18(num_classes=10): sum(p.numel() for p in m.parameters())
    assertEquals(11_181_642L, net.parameterCount());
    assertEquals(512, net.featureWidth());
  }

  @Test
  void convWeightsAreKaimingNormalOverFanOut() {
    ResnetConfig c = Configs.with(ResnetConfig.defaults(), "width", 16);
    ResNet net = new ResNet(c, ImageShape.MNIST, 10);
    List<String> names = net.specs().stream().map(Net.TensorSpec::name).toList();
    try (NDManager m = Torch.newManager()) {
      net.initialise(m, new Seed(5));
      // layer2.0.conv2: 32 x 32 x 3 x 3, fan_out 32*9 = 288: std sqrt(2/288)
      NDArray w = net.tensors()[names.indexOf("layer2.0.conv2.weight")];
      float[] v = w.toFloatArray();
      double sum = 0;
      double squares = 0;
      for (float x : v) {
        sum += x;
        squares += (double) x * x;
      }
      double mean = sum / v.length;
      double std = Math.sqrt(squares / v.length - mean * mean);
      assertEquals(0, mean, 0.01);
      assertEquals(Math.sqrt(2.0 / 288), std, 0.05 * Math.sqrt(2.0 / 288));
      float[] gamma = net.tensors()[names.indexOf("bn1.weight")].toFloatArray();
      for (float g : gamma) {
        assertEquals(1f, g);
      }
    }
  }

  @Test
  void predictionChunksBoundTheStemActivations() {
    assertEquals(256, new ResNet(ResnetConfig.defaults(), ImageShape.MNIST, 10).inferenceChunk());
    assertEquals(1000, new ResNet(Configs.resnet(1), ImageShape.MNIST, 10).inferenceChunk());
  }
}
