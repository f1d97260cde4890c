package org.rmnist.plugins.onnx;

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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny CNN built with the ONNX protobuf classes, and the same network in plain Java: input {@code
 * x} [N,3,8,8] → Conv (2 channels, 3x3, pads 1) {@code conv1} → Relu {@code relu1} →
 * GlobalAveragePool {@code pool} → Flatten {@code flat} → Gemm {@code logits} (2 → 4).
 *
 * @param convW conv weights [2,3,3,3]
 * @param convB conv bias [2]
 * @param gemmW dense weights [4,2] (used transposed: transB = 1)
 * @param gemmB dense bias [4]
 */
record TinyCnn(float[] convW, float[] convB, float[] gemmW, float[] gemmB) {
  static final int SIDE = 8;
  static final int IN = 3;
  static final int OUT = 2;
  static final int CLASSES = 4;

  /** Weights uniform in [-1, 1) from {@code seed}. */
  static TinyCnn random(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return new TinyCnn(
        uniform(r, OUT * IN * 9), uniform(r, OUT), uniform(r, CLASSES * OUT), uniform(r, CLASSES));
  }

  private static float[] uniform(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (2 * r.nextDouble() - 1);
    }
    return v;
  }

  /** Writes the model with a dynamic batch dimension {@code N} to {@code file}. */
  Path write(Path file) throws IOException {
    return write(file, 0);
  }

  /** Writes the model to {@code file}; {@code batch} 0 leaves the batch dimension open. */
  Path write(Path file, long batch) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, model(batch, null).toByteArray());
    return file;
  }

  /**
   * Writes the model to {@code file} with the conv weights in the external data file {@code data}
   * beside it (little-endian float32, as ONNX's external data format stores them).
   */
  Path writeExternal(Path file, String data) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ByteBuffer raw = ByteBuffer.allocate(convW.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : convW) {
      raw.putFloat(v);
    }
    Files.write(file.resolveSibling(data), raw.array());
    Files.write(file, model(0, data).toByteArray());
    return file;
  }

  /**
   * The model: opset 13, IR version 7; value_info only for {@code relu1}; the conv weights in the
   * external file {@code external} unless it is null.
   */
  ModelProto model(long batch, String external) {
    TensorProto w =
        external == null
            ? tensor("W", convW, OUT, IN, 3, 3)
            : TensorProto.newBuilder()
                .setName("W")
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(List.of((long) OUT, (long) IN, 3L, 3L))
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(
                    StringStringEntryProto.newBuilder().setKey("location").setValue(external))
                .build();
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("tiny-cnn")
            .addInput(value("x", batch, IN, SIDE, SIDE))
            .addOutput(value("logits", batch, CLASSES))
            .addValueInfo(value("relu1", batch, OUT, SIDE, SIDE))
            .addInitializer(w)
            .addInitializer(tensor("B", convB, OUT))
            .addInitializer(tensor("W2", gemmW, CLASSES, OUT))
            .addInitializer(tensor("B2", gemmB, CLASSES))
            .addNode(
                node(
                    "Conv",
                    List.of("x", "W", "B"),
                    "conv1",
                    ints("kernel_shape", 3, 3),
                    ints("pads", 1, 1, 1, 1)))
            .addNode(node("Relu", List.of("conv1"), "relu1"))
            .addNode(node("GlobalAveragePool", List.of("relu1"), "pool"))
            .addNode(node("Flatten", List.of("pool"), "flat", integer("axis", 1)))
            .addNode(node("Gemm", List.of("flat", "W2", "B2"), "logits", integer("transB", 1)))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(7)
        .setProducerName("rmnist-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph)
        .build();
  }

  static ValueInfoProto value(String name, long batch, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDim(
        batch > 0
            ? TensorShapeProto.Dimension.newBuilder().setDimValue(batch)
            : TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape)))
        .build();
  }

  static TensorProto tensor(String name, float[] values, long... dims) {
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t.build();
  }

  static NodeProto node(
      String op, List<String> inputs, String output, AttributeProto... attributes) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(op + "_" + output)
        .addAllInput(inputs)
        .addOutput(output)
        .addAllAttribute(List.of(attributes))
        .build();
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** {@code relu1} of one image [3,8,8] at {@code x[offset..]}: [2,8,8], in double. */
  double[] relu1(float[] x, int offset) {
    double[] out = new double[OUT * SIDE * SIDE];
    for (int o = 0; o < OUT; o++) {
      for (int y = 0; y < SIDE; y++) {
        for (int xx = 0; xx < SIDE; xx++) {
          double s = convB[o];
          for (int c = 0; c < IN; c++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int sy = y + ky - 1;
                int sx = xx + kx - 1;
                if (sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE) {
                  s +=
                      (double) convW[((o * IN + c) * 3 + ky) * 3 + kx]
                          * x[offset + (c * SIDE + sy) * SIDE + sx];
                }
              }
            }
          }
          out[(o * SIDE + y) * SIDE + xx] = Math.max(0, s);
        }
      }
    }
    return out;
  }

  /** {@code pool}: the mean of each channel of {@code relu1}. */
  double[] pool(float[] x, int offset) {
    double[] r = relu1(x, offset);
    double[] out = new double[OUT];
    int plane = SIDE * SIDE;
    for (int o = 0; o < OUT; o++) {
      for (int p = 0; p < plane; p++) {
        out[o] += r[o * plane + p];
      }
      out[o] /= plane;
    }
    return out;
  }

  /** {@code logits}: gemmW times {@code pool} plus gemmB. */
  double[] logits(float[] x, int offset) {
    double[] p = pool(x, offset);
    double[] out = new double[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      out[k] = gemmB[k];
      for (int o = 0; o < OUT; o++) {
        out[k] += (double) gemmW[k * OUT + o] * p[o];
      }
    }
    return out;
  }
}
