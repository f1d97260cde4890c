package org.rmnist.plugins.tensorflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The signature, input and output a config picks from a SavedModel, checked against the input the
 * preprocessing writes.
 *
 * @param signature signature key
 * @param inputKey signature input key fed with images
 * @param inputName graph tensor behind the input ({@code op:index})
 * @param outputKey signature output key read as features
 * @param outputName graph tensor behind the output ({@code op:index})
 * @param fixedBatch the batch size the model's input declares, 0 when free
 * @param outputDims the output's declared non-batch dimensions (-1 for unknown), null when the
 *     output's rank is unknown
 */
record SignatureChoice(
    String signature,
    String inputKey,
    String inputName,
    String outputKey,
    String outputName,
    int fixedBatch,
    long[] outputDims) {

  /** Marks the SavedModel's initialiser; not a function one can run. */
  static final String INIT_SIGNATURE = "__saved_model_init_op";

  /** Picks and checks the signature, input and output that {@code config} names. */
  static SignatureChoice of(MetaGraphDef meta, TensorflowConfig config, Path where) {
    Map<String, SignatureDef> signatures = meta.getSignatureDefMap();
    SignatureDef def = signatures.get(config.signature());
    if (def == null || config.signature().equals(INIT_SIGNATURE)) {
      TreeSet<String> known = new TreeSet<>(signatures.keySet());
      known.remove(INIT_SIGNATURE);
      throw new IllegalArgumentException(
          "signature: no signature '"
              + config.signature()
              + "' in "
              + where
              + "; available: "
              + String.join(", ", known));
    }
    String inputKey = key("input", config.input(), def.getInputsMap(), config.signature());
    String outputKey = key("output", config.output(), def.getOutputsMap(), config.signature());
    TensorInfo input = def.getInputsOrThrow(inputKey);
    TensorInfo output = def.getOutputsOrThrow(outputKey);
    String inputWhere = "input '" + inputKey + "' of signature '" + config.signature() + "'";
    String outputWhere = "output '" + outputKey + "' of signature '" + config.signature() + "'";
    requireFloat(inputWhere, input);
    requireFloat(outputWhere, output);
    int fixedBatch = checkInputShape(inputWhere, input, config);
    return new SignatureChoice(
        config.signature(),
        inputKey,
        input.getName(),
        outputKey,
        output.getName(),
        fixedBatch,
        outputDims(outputWhere, output));
  }

  /** The output's length per image when its declared shape fixes it, else -1. */
  long declaredDimension() {
    if (outputDims == null) {
      return -1;
    }
    long product = 1;
    for (long d : outputDims) {
      if (d < 0) {
        return -1;
      }
      product *= d;
    }
    return product;
  }

  private static String key(
      String what, String wanted, Map<String, TensorInfo> available, String signature) {
    String list = String.join(", ", new TreeSet<>(available.keySet()));
    if (wanted.isEmpty()) {
      if (available.size() != 1) {
        throw new IllegalArgumentException(
            what
                + ": signature '"
                + signature
                + "' has "
                + available.size()
                + " "
                + what
                + "s, so name one; available: "
                + list);
      }
      return available.keySet().iterator().next();
    }
    if (!available.containsKey(wanted)) {
      throw new IllegalArgumentException(
          what
              + ": signature '"
              + signature
              + "' has no "
              + what
              + " '"
              + wanted
              + "'; available: "
              + list);
    }
    return wanted;
  }

  private static void requireFloat(String where, TensorInfo info) {
    if (info.getDtype() != DataType.DT_FLOAT) {
      throw new IllegalArgumentException(
          where
              + " has data type "
              + info.getDtype()
              + "; this extractor feeds and reads "
              + DataType.DT_FLOAT);
    }
  }

  /** Checks a declared input shape against the config; returns a fixed batch size or 0. */
  private static int checkInputShape(String where, TensorInfo input, TensorflowConfig config) {
    TensorShapeProto shape = input.getTensorShape();
    if (!input.hasTensorShape() || shape.getUnknownRank()) {
      return 0;
    }
    long s = config.preprocess().size();
    long c = config.preprocess().channels();
    long[] expected = config.channelsFirst() ? new long[] {-1, c, s, s} : new long[] {-1, s, s, c};
    List<Long> declared = new ArrayList<>();
    for (TensorShapeProto.Dim d : shape.getDimList()) {
      declared.add(d.getSize());
    }
    boolean fits = declared.size() == 4;
    for (int i = 1; fits && i < 4; i++) {
      fits = declared.get(i) < 0 || declared.get(i) == expected[i];
    }
    if (!fits) {
      String feed =
          config.channelsFirst()
              ? "[batch, " + c + ", " + s + ", " + s + "]"
              : "[batch, " + s + ", " + s + ", " + c + "]";
      throw new IllegalArgumentException(
          where
              + " has shape "
              + declared
              + " (-1 = any), but size: "
              + s
              + ", channels: "
              + c
              + ", layout: "
              + config.preprocess().layout()
              + " feed "
              + feed
              + "; set size, channels and layout to match the model");
    }
    long batch = declared.get(0);
    if (batch > 0 && batch != config.batchSize()) {
      throw new IllegalArgumentException(
          "batchSize: "
              + where
              + " has a fixed batch size of "
              + batch
              + ", got batchSize: "
              + config.batchSize()
              + "; set batchSize: "
              + batch);
    }
    return (int) Math.max(batch, 0);
  }

  private static long[] outputDims(String where, TensorInfo output) {
    TensorShapeProto shape = output.getTensorShape();
    if (!output.hasTensorShape() || shape.getUnknownRank()) {
      return null;
    }
    if (shape.getDimCount() == 0) {
      throw new IllegalArgumentException(
          where + " is a scalar; features need a shape [batch, ...]");
    }
    long[] dims = new long[shape.getDimCount() - 1];
    for (int i = 1; i < shape.getDimCount(); i++) {
      dims[i - 1] = shape.getDim(i).getSize();
    }
    return dims;
  }
}
