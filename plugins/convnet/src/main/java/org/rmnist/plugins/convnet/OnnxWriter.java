package org.rmnist.plugins.convnet;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.OnnxExportable;

/**
 * Builds the ONNX graph (opset {@value #OPSET}, IR version {@value #IR_VERSION}) of a trained
 * {@link Net} with the ONNX protobuf classes: the net's tensors become initializers under their own
 * names, every node's output gets the readable name its caller gives (users pick layers by it) and
 * a value_info with its shape, the batch dimension left open as {@value #BATCH}. The node methods
 * return the name of the tensor they produce.
 */
final class OnnxWriter {
  static final int OPSET = 13;
  static final int IR_VERSION = 7;
  static final String BATCH = "N";
  static final String LOGITS = OnnxExportable.LOGITS;
  static final String FEATURES = OnnxExportable.FEATURES;

  private final List<Net.TensorSpec> specs;
  private final NDArray[] tensors;
  private final GraphProto.Builder graph = GraphProto.newBuilder();

  /** Shape of every named tensor, -1 for the batch dimension. */
  private final Map<String, long[]> shapes = new HashMap<>();

  private final List<String> produced = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();

  /** A graph whose input {@value OnnxExportable#INPUT} is N x what {@code net.onnxInput()} says. */
  OnnxWriter(Net net, String name) {
    this.specs = net.specs();
    this.tensors = net.tensors();
    NetworkInput in = net.onnxInput();
    long[] shape = {-1, in.channels(), in.size(), in.size()};
    shapes.put(OnnxExportable.INPUT, shape);
    graph.setName(name).addInput(value(OnnxExportable.INPUT, shape));
  }

  /** The graph input's name. */
  String input() {
    return OnnxExportable.INPUT;
  }

  /** {@code centred} = x - mean, {@code normalised} = centred / std (scalar constants). */
  String normalise(String x, float mean, float std) {
    constant("input_mean", mean);
    constant("input_std", std);
    String centred = node("Sub", List.of(x, "input_mean"), "centred", shape(x));
    return node("Div", List.of(centred, "input_std"), "normalised", shape(x));
  }

  /** Conv with square kernel, stride and zero padding; {@code bias} < 0: none. */
  String conv(String out, String x, int weight, int bias, int stride, int pad) {
    long[] w = specs.get(weight).shape().getShape();
    long[] in = shape(x);
    long[] shape = {-1, w[0], side(in[2], w[2], stride, pad), side(in[3], w[3], stride, pad)};
    List<String> inputs =
        bias < 0 ? List.of(x, tensor(weight)) : List.of(x, tensor(weight), tensor(bias));
    return node(
        "Conv",
        inputs,
        out,
        shape,
        ints("kernel_shape", w[2], w[3]),
        ints("strides", stride, stride),
        ints("pads", pad, pad, pad, pad),
        ints("dilations", 1, 1),
        integer("group", 1));
  }

  /** Inference-mode batch norm over axis 1 with the running statistics of {@code gamma}'s norm. */
  String batchNorm(String out, String x, int gamma) {
    return node(
        "BatchNormalization",
        List.of(x, tensor(gamma), tensor(gamma + 1), tensor(gamma + 2), tensor(gamma + 3)),
        out,
        shape(x),
        AttributeProto.newBuilder()
            .setName("epsilon")
            .setType(AttributeProto.AttributeType.FLOAT)
            .setF((float) Net.BN_EPSILON)
            .build());
  }

  String relu(String out, String x) {
    return node("Relu", List.of(x), out, shape(x));
  }

  /** Max-pool with square kernel, stride and padding (floor mode, as PyTorch's default). */
  String maxPool(String out, String x, int kernel, int stride, int pad) {
    long[] in = shape(x);
    long[] shape = {-1, in[1], side(in[2], kernel, stride, pad), side(in[3], kernel, stride, pad)};
    return node(
        "MaxPool",
        List.of(x),
        out,
        shape,
        ints("kernel_shape", kernel, kernel),
        ints("strides", stride, stride),
        ints("pads", pad, pad, pad, pad));
  }

  /** N x C x 1 x 1 channel means. */
  String globalAveragePool(String out, String x) {
    return node("GlobalAveragePool", List.of(x), out, new long[] {-1, shape(x)[1], 1, 1});
  }

  /** N x (everything else), in row-major order (as PyTorch's reshape and flatten). */
  String flatten(String out, String x) {
    long[] in = shape(x);
    long width = 1;
    for (int d = 1; d < in.length; d++) {
      width *= in[d];
    }
    return node("Flatten", List.of(x), out, new long[] {-1, width}, integer("axis", 1));
  }

  /**
   * x times the transposed {@code weight} (out x in, as PyTorch's Linear) plus {@code bias} ({@code
   * bias} < 0: none).
   */
  String gemm(String out, String x, int weight, int bias) {
    long[] w = specs.get(weight).shape().getShape();
    return node(
        "Gemm",
        bias < 0 ? List.of(x, tensor(weight)) : List.of(x, tensor(weight), tensor(bias)),
        out,
        new long[] {-1, w[0]},
        integer("transB", 1));
  }

  String add(String out, String a, String b) {
    return node("Add", List.of(a, b), out, shape(a));
  }

  /** A second name for {@code x} (e.g. a stage's output). */
  String identity(String out, String x) {
    return node("Identity", List.of(x), out, shape(x));
  }

  /** Makes {@code name} the next graph output. */
  void output(String name) {
    graph.addOutput(value(name, shape(name)));
    outputs.add(name);
  }

  /** The graph outputs, in order. */
  List<String> outputs() {
    return List.copyOf(outputs);
  }

  /** The model, with {@code metadata} as its metadata_props. */
  ModelProto build(String doc, Map<String, String> metadata) {
    if (outputs.isEmpty() || !outputs.get(0).equals(LOGITS)) {
      throw new IllegalStateException(
          "the graph's first output must be " + LOGITS + ", got " + outputs);
    }
    for (String name : produced) {
      if (!outputs.contains(name)) {
        graph.addValueInfo(value(name, shape(name)));
      }
    }
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName("rmnist convnet")
            .setDocString(doc)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(graph);
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  private String node(
      String op, List<String> inputs, String out, long[] shape, AttributeProto... attributes) {
    if (shapes.containsKey(out)) {
      throw new IllegalStateException("tensor name " + out + " is used twice");
    }
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType(op)
            .setName(out)
            .addAllInput(inputs)
            .addOutput(out)
            .addAllAttribute(Arrays.asList(attributes)));
    shapes.put(out, shape);
    produced.add(out);
    return out;
  }

  private long[] shape(String name) {
    long[] s = shapes.get(name);
    if (s == null) {
      throw new IllegalStateException("no tensor " + name + " in the graph yet");
    }
    return s;
  }

  /** Output side of a conv or pool: floor((in + 2 pad - kernel) / stride) + 1. */
  private static long side(long in, long kernel, int stride, int pad) {
    return (in + 2L * pad - kernel) / stride + 1;
  }

  /** Adds tensor {@code k} of the net as an initializer (once); returns its name. */
  private String tensor(int k) {
    Net.TensorSpec s = specs.get(k);
    if (!shapes.containsKey(s.name())) {
      float[] v = tensors[k].toFloatArray();
      initializer(s.name(), v, s.shape().getShape());
    }
    return s.name();
  }

  private void constant(String name, float value) {
    initializer(name, new float[] {value}, 1);
  }

  private void initializer(String name, float[] values, long... dims) {
    ByteBuffer raw =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .setRawData(ByteString.copyFrom(raw.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    shapes.put(name, dims);
  }

  private static ValueInfoProto value(String name, long[] shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(
          d < 0
              ? TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)
              : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(dims)))
        .build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
