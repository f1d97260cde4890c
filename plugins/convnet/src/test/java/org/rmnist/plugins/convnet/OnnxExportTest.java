package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Model;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.OnnxExportable;

/**
 * Trained nets written as ONNX and run with ONNX Runtime give DJL's logits (and the resnet's pooled
 * features) on random images, at batch sizes 1 and 5; every named tensor has the shape its
 * value_info declares.
 */
class OnnxExportTest {
  static final ImageSet TRAIN = Patterns.make(2, 1);
  static final float TOLERANCE = 1e-4f;
  static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  @TempDir Path dir;

  /** Trains {@code config} for its few epochs on 20 images. */
  private <C extends Record> TrainedNet fit(Model<C> model, C config) throws Exception {
    return (TrainedNet) model.fit(config, TRAIN, TRAIN, Patterns.context(4, dir));
  }

  @Test
  void convnetWithoutBatchNorm() throws Exception {
    try (TrainedNet m = fit(new ConvnetModel(), Configs.nielsen(2))) {
      assertEquals(NetworkInput.grey(28), m.onnxInput());
      ModelProto proto = check(m, List.of("logits"));
      assertTrue(
          names(proto)
              .containsAll(
                  List.of(
                      "centred",
                      "normalised",
                      "conv1",
                      "pool1",
                      "relu1",
                      "conv2",
                      "pool2",
                      "relu2",
                      "flatten",
                      "fc1",
                      "fcrelu1",
                      "logits")),
          names(proto).toString());
    }
  }

  @Test
  void convnetWithBatchNormAndPadding() throws Exception {
    ConvnetConfig config =
        Configs.with(
            Configs.convnet(2, "adam", 0.01, 0, false, "constant", 0, false, 0, true),
            Map.of("padding", List.of(2, 1), "pool", List.of(2, 1), "inputMean", 0.3));
    try (TrainedNet m = fit(new ConvnetModel(), config)) {
      ModelProto proto = check(m, List.of("logits"));
      assertTrue(
          names(proto)
              .containsAll(
                  List.of(
                      "conv1", "bn1", "pool1", "relu1", "conv2", "bn2", "relu2", "fc1", "fcbn1",
                      "fcrelu1")),
          names(proto).toString());
      assertEquals(false, names(proto).contains("pool2"));
    }
  }

  @Test
  void mlp() throws Exception {
    try (TrainedNet m =
        fit(new MlpModel(), Configs.with(Configs.mlp(3, false), "hidden", List.of(32, 16)))) {
      ModelProto proto = check(m, List.of("logits"));
      assertEquals(List.of("flatten", "fc1", "relu1", "fc2", "relu2", "logits"), names(proto));
    }
  }

  @Test
  void ladderWithTheRunningStatisticsOfItsCleanPass() throws Exception {
    LadderConfig config = LadderTest.config(List.of(24, 12), List.of(1.0, 1.0, 1.0, 1.0), 2);
    try (TrainedNet m =
        (TrainedNet)
            new LadderModel()
                .fit(config, TRAIN, TRAIN, AutoencoderTest.context(4, dir, LadderTest.POOL))) {
      ModelProto proto = check(m, List.of("logits"));
      assertEquals(
          List.of("flatten", "fc1", "bn1", "relu1", "fc2", "bn2", "relu2", "fc3", "logits"),
          names(proto));
    }
  }

  @Test
  void tinyResnetLogitsAndFeatures() throws Exception {
    ResnetConfig config = Configs.with(Configs.resnet(2), "blocks", List.of(2, 1, 1, 1));
    try (TrainedNet m = fit(new ResnetModel(), config)) {
      assertEquals(config.networkInput(), m.onnxInput());
      ModelProto proto = check(m, List.of("logits", "features"));
      assertTrue(
          names(proto)
              .containsAll(
                  List.of(
                      "conv1",
                      "bn1",
                      "relu",
                      "maxpool",
                      "layer1.0.conv1",
                      "layer1.0.relu2",
                      "layer1.1.add",
                      "layer1",
                      "layer2.0.downsample.0",
                      "layer2.0.downsample.1",
                      "layer4.0.relu2",
                      "layer4",
                      "avgpool",
                      "features")),
          names(proto).toString());
      ResNet net = (ResNet) m.net();
      for (int n : new int[] {1, 5}) {
        ImageSet images = random(n, 10 + n);
        float[] expected =
            Inference.outputs(
                net, m.manager(), images, net.featureWidth(), x -> net.features(x, false));
        float[] got = run(m, images, "features");
        assertClose(expected, got, "features, batch " + n);
      }
    }
  }

  /**
   * Exports {@code m}, checks its outputs, opset and shapes, and compares ONNX Runtime's logits
   * with DJL's at batch sizes 1 and 5.
   */
  private ModelProto check(TrainedNet m, List<String> outputs) throws Exception {
    Path file = dir.resolve("model.onnx");
    assertEquals(outputs, m.exportOnnx(file));
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(file));
    assertEquals(13, proto.getOpsetImport(0).getVersion());
    assertEquals(7, proto.getIrVersion());
    assertEquals(
        List.of(OnnxExportable.INPUT),
        proto.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList());
    for (int n : new int[] {1, 5}) {
      ImageSet images = random(n, n);
      assertClose(m.logits(images), run(m, images, OnnxExportable.LOGITS), "logits, batch " + n);
    }
    shapesAsDeclared(proto, m.onnxInput());
    return proto;
  }

  /** Every value_info as an extra output: ONNX Runtime's shapes equal the declared ones. */
  private void shapesAsDeclared(ModelProto proto, NetworkInput in) throws OrtException {
    ModelProto.Builder all = proto.toBuilder();
    List<ValueInfoProto> infos = proto.getGraph().getValueInfoList();
    all.getGraphBuilder().addAllOutput(infos);
    ImageSet images = random(3, 99);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = ENV.createSession(all.build().toByteArray(), options);
        OnnxTensor x = input(in, images);
        OrtSession.Result result = session.run(Map.of(OnnxExportable.INPUT, x))) {
      for (ValueInfoProto v : infos) {
        long[] shape = ((OnnxTensor) result.get(v.getName()).orElseThrow()).getInfo().getShape();
        List<Long> declared = new ArrayList<>();
        for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList()) {
          declared.add(d.hasDimValue() ? d.getDimValue() : 3L);
        }
        assertEquals(declared, Arrays.stream(shape).boxed().toList(), v.getName());
      }
    }
  }

  /** Output {@code name} of the exported model for {@code images}, fed as onnxInput() says. */
  private float[] run(TrainedNet m, ImageSet images, String name) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = ENV.createSession(dir.resolve("model.onnx").toString(), options);
        OnnxTensor x = input(m.onnxInput(), images);
        OrtSession.Result result = session.run(Map.of(OnnxExportable.INPUT, x))) {
      FloatBuffer out = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  private static OnnxTensor input(NetworkInput in, ImageSet images) throws OrtException {
    float[] x = new float[images.size() * in.valuesPerImage()];
    in.fill(images, 0, images.size(), x);
    return OnnxTensor.createTensor(
        ENV, FloatBuffer.wrap(x), new long[] {images.size(), in.channels(), in.size(), in.size()});
  }

  private static void assertClose(float[] expected, float[] got, String what) {
    assertEquals(expected.length, got.length, what + ": length");
    float worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - got[i]));
    }
    assertTrue(worst <= TOLERANCE, what + ": ONNX Runtime differs from DJL by " + worst);
  }

  /** Node output names in graph order. */
  private static List<String> names(ModelProto proto) {
    return proto.getGraph().getNodeList().stream().map(n -> n.getOutput(0)).toList();
  }

  /** {@code n} grey 28 x 28 images of uniform noise in [0, 1). */
  static ImageSet random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * ImageShape.MNIST.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextDouble();
    }
    return new ImageSet(px, new int[n], ImageShape.MNIST, new int[n]);
  }
}
