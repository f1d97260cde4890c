package org.rmnist.plugins.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rmnist.api.FeatureLayer;
import org.rmnist.support.Checks;

/**
 * The graph of an ONNX model as its protobuf holds it: the inputs to feed, every tensor that can be
 * returned as features, and the model with one more graph output. Touches no ONNX Runtime class, so
 * listing layers never loads the native library.
 */
final class OnnxGraph {

  /** The op reported for graph inputs. */
  static final String INPUT_OP = "input";

  private final ModelProto model;
  private final String where;
  private final Map<String, ValueInfoProto> infos = new HashMap<>();
  private final Map<String, String> producers = new LinkedHashMap<>();
  private final List<ValueInfoProto> inputs = new ArrayList<>();
  private final Set<String> outputs = new HashSet<>();

  private OnnxGraph(ModelProto model, String where) {
    this.model = model;
    this.where = where;
    GraphProto g = model.getGraph();
    Set<String> initializers = new HashSet<>();
    g.getInitializerList().forEach(t -> initializers.add(t.getName()));
    for (ValueInfoProto v : g.getInputList()) {
      infos.putIfAbsent(v.getName(), v);
      if (!initializers.contains(v.getName())) {
        inputs.add(v);
        producers.putIfAbsent(v.getName(), INPUT_OP);
      }
    }
    g.getValueInfoList().forEach(v -> infos.putIfAbsent(v.getName(), v));
    for (ValueInfoProto v : g.getOutputList()) {
      infos.putIfAbsent(v.getName(), v);
      outputs.add(v.getName());
    }
    for (NodeProto node : g.getNodeList()) {
      for (String out : node.getOutputList()) {
        if (!out.isEmpty()) {
          producers.putIfAbsent(out, node.getOpType());
        }
      }
    }
  }

  /** Parses the model in {@code file}. */
  static OnnxGraph parse(ModelFile file) throws IOException {
    try {
      ModelProto model = ModelProto.parseFrom(file.bytes());
      if (!model.hasGraph()) {
        throw new IOException("path: " + file.file() + " holds no ONNX graph");
      }
      return new OnnxGraph(model, file.file().getFileName().toString());
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(
          "path: " + file.file() + " is not an ONNX model (ModelProto): " + e.getMessage(), e);
    }
  }

  /** The file name, for messages. */
  String where() {
    return where;
  }

  /** Graph inputs that are not initializers: what must be fed. */
  List<ValueInfoProto> inputs() {
    return List.copyOf(inputs);
  }

  /** Every tensor that can be returned, in graph order: inputs, then node outputs. */
  List<FeatureLayer> layers() {
    List<FeatureLayer> layers = new ArrayList<>(producers.size());
    producers.forEach((name, op) -> layers.add(new FeatureLayer(name, shape(name), op)));
    return layers;
  }

  /** The input {@code name} names; empty for the only one. */
  ValueInfoProto input(String name) {
    List<String> names = inputs.stream().map(ValueInfoProto::getName).toList();
    if (name.isEmpty()) {
      if (inputs.size() != 1) {
        throw new IllegalArgumentException(
            "input: "
                + where
                + " has "
                + inputs.size()
                + " inputs, name the one to feed with the images: "
                + Checks.candidates(names));
      }
      return inputs.get(0);
    }
    for (ValueInfoProto v : inputs) {
      if (v.getName().equals(name)) {
        if (inputs.size() > 1) {
          throw new IllegalArgumentException(
              "input: "
                  + where
                  + " also needs inputs "
                  + Checks.candidates(names.stream().filter(n -> !n.equals(name)).toList())
                  + "; this extractor feeds only the images");
        }
        return v;
      }
    }
    throw new IllegalArgumentException(
        "input: "
            + where
            + " has no input '"
            + name
            + "'; its inputs: "
            + Checks.candidates(names));
  }

  /** The tensor {@code name} names; empty for the graph's first output. */
  String layer(String name) {
    if (name.isEmpty()) {
      if (model.getGraph().getOutputCount() == 0) {
        throw new IllegalArgumentException(
            "layer: "
                + where
                + " has no graph output; name a "
                + "tensor: "
                + Checks.candidates(List.copyOf(producers.keySet())));
      }
      return model.getGraph().getOutput(0).getName();
    }
    if (!producers.containsKey(name)) {
      throw new IllegalArgumentException(
          "layer: "
              + where
              + " has no tensor '"
              + name
              + "'; its tensors ("
              + producers.size()
              + "): "
              + Checks.candidates(List.copyOf(producers.keySet())));
    }
    return name;
  }

  /** Whether {@code name} is already a graph output. */
  boolean isOutput(String name) {
    return outputs.contains(name);
  }

  /** Whether the model carries a type for {@code name} (a graph input, output or value_info). */
  boolean hasType(String name) {
    ValueInfoProto v = infos.get(name);
    return v != null && v.hasType();
  }

  /**
   * The serialised model with {@code name} as a graph output: its value_info when the model has
   * one, else the bare name, or with {@code typed} a float tensor of unknown shape.
   */
  byte[] withOutput(String name, boolean typed) {
    if (isOutput(name)) {
      return model.toByteArray();
    }
    ValueInfoProto info = infos.get(name);
    if (info == null || !info.hasType()) {
      ValueInfoProto.Builder b = ValueInfoProto.newBuilder().setName(name);
      if (typed) {
        b.setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)));
      }
      info = b.build();
    }
    ModelProto.Builder edited = model.toBuilder();
    edited.getGraphBuilder().addOutput(info);
    return edited.build().toByteArray();
  }

  /** Locations of the external data files the model's tensors name, sorted, each once. */
  List<String> externalLocations() {
    Set<String> found = new TreeSet<>();
    collectExternal(model.getGraph(), found);
    return List.copyOf(found);
  }

  private static void collectExternal(GraphProto g, Set<String> found) {
    g.getInitializerList().forEach(t -> external(t, found));
    for (NodeProto node : g.getNodeList()) {
      for (AttributeProto a : node.getAttributeList()) {
        if (a.hasT()) {
          external(a.getT(), found);
        }
        a.getTensorsList().forEach(t -> external(t, found));
        if (a.hasG()) {
          collectExternal(a.getG(), found);
        }
        a.getGraphsList().forEach(sub -> collectExternal(sub, found));
      }
    }
  }

  private static void external(TensorProto t, Set<String> found) {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      for (StringStringEntryProto e : t.getExternalDataList()) {
        if (e.getKey().equals("location")) {
          found.add(e.getValue());
        }
      }
    }
  }

  /** The shape the model declares for {@code name}, -1 for open dimensions; [-1] if none. */
  List<Long> shape(String name) {
    ValueInfoProto v = infos.get(name);
    if (v == null || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
      return List.of(-1L);
    }
    List<Long> dims = new ArrayList<>();
    for (var d : v.getType().getTensorType().getShape().getDimList()) {
      dims.add(d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1L);
    }
    return dims;
  }

  /** A value's shape as text, e.g. {@code Nx3x224x224}: symbolic names, or ? when open. */
  static String shapeText(ValueInfoProto v) {
    if (!v.getType().getTensorType().hasShape()) {
      return "(unknown shape)";
    }
    List<String> dims = new ArrayList<>();
    for (var d : v.getType().getTensorType().getShape().getDimList()) {
      dims.add(
          d.hasDimValue()
              ? Long.toString(d.getDimValue())
              : d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?");
    }
    return dims.isEmpty() ? "a scalar" : String.join("x", dims);
  }
}
