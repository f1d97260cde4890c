package org.rmnist.plugins.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph input fed with the images, checked against the config's size, channels and layout.
 *
 * @param name the input's name
 * @param fixedBatch the batch dimension the model fixes, or 0 when it is open
 */
record ModelInput(String name, long fixedBatch) {

  /** Chooses the input {@code config} names and checks what the model declares for it. */
  static ModelInput of(OnnxGraph graph, OnnxConfig config) {
    ValueInfoProto v = graph.input(config.input());
    String where = "model input '" + v.getName() + "'";
    if (!v.hasType() || !v.getType().hasTensorType()) {
      if (v.hasType()) {
        throw new IllegalArgumentException(
            where
                + " is not a tensor ("
                + v.getType().getValueCase()
                + "); this extractor feeds a float tensor of images");
      }
      return new ModelInput(v.getName(), 0);
    }
    TypeProto.Tensor tensor = v.getType().getTensorType();
    int elem = tensor.getElemType();
    if (elem != TensorProto.DataType.FLOAT_VALUE && elem != TensorProto.DataType.UNDEFINED_VALUE) {
      TensorProto.DataType type = TensorProto.DataType.forNumber(elem);
      throw new IllegalArgumentException(
          where
              + " takes "
              + (type == null ? "element type " + elem : type.name())
              + " values; this extractor feeds FLOAT "
              + "(float32)");
    }
    if (!tensor.hasShape()) {
      return new ModelInput(v.getName(), 0);
    }
    List<TensorShapeProto.Dimension> dims = tensor.getShape().getDimList();
    String layout = config.preprocess().layout();
    if (dims.size() != 4) {
      throw new IllegalArgumentException(
          where
              + " is "
              + OnnxGraph.shapeText(v)
              + " ("
              + dims.size()
              + " dimensions); layout "
              + layout
              + " feeds 4: "
              + expected(config));
    }
    List<String> differs = differences(dims, config, layout);
    if (!differs.isEmpty()) {
      String other = layout.equals("nchw") ? "nhwc" : "nchw";
      String hint =
          differences(dims, config, other).isEmpty()
              ? "; the model looks " + other + ": set layout: " + other
              : "";
      throw new IllegalArgumentException(
          where
              + " is "
              + OnnxGraph.shapeText(v)
              + " but "
              + String.join(" and ", differs)
              + " (layout "
              + layout
              + " feeds "
              + expected(config)
              + ")"
              + hint);
    }
    long batch = fixed(dims.get(0));
    return new ModelInput(v.getName(), Math.max(batch, 0));
  }

  /** What the config feeds, e.g. {@code Nx3x224x224}. */
  static String expected(OnnxConfig c) {
    String s = Integer.toString(c.preprocess().size());
    String ch = Integer.toString(c.preprocess().channels());
    return String.join(
        "x",
        c.preprocess().layout().equals("nchw") ? List.of("N", ch, s, s) : List.of("N", s, s, ch));
  }

  private static List<String> differences(
      List<TensorShapeProto.Dimension> dims, OnnxConfig c, String layout) {
    boolean nchw = layout.equals("nchw");
    long channels = fixed(dims.get(nchw ? 1 : 3));
    long height = fixed(dims.get(nchw ? 2 : 1));
    long width = fixed(dims.get(nchw ? 3 : 2));
    List<String> differs = new ArrayList<>();
    int size = c.preprocess().size();
    if ((height > 0 && height != size) || (width > 0 && width != size)) {
      differs.add("size is " + size);
    }
    if (channels > 0 && channels != c.preprocess().channels()) {
      differs.add("channels is " + c.preprocess().channels());
    }
    return differs;
  }

  private static long fixed(TensorShapeProto.Dimension d) {
    return d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
  }
}
