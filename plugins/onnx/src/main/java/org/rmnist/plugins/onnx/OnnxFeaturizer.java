package org.rmnist.plugins.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Progress;
import org.rmnist.support.Sha256;

/**
 * An open ONNX Runtime session that feeds batches of converted digits to one graph input and
 * returns one tensor, flattened per image. Owns the session; every tensor and result it creates is
 * closed before the call returns. Safe for concurrent {@link #extract} calls.
 */
final class OnnxFeaturizer implements Featurizer {

  /** Bump when the conversion or reading changes what features a model gives. */
  private static final String KEY_VERSION = "onnx-features-1";

  /** Element types read as features: floating point, converted to float. */
  private static final Set<OnnxJavaType> READABLE =
      Set.of(OnnxJavaType.FLOAT, OnnxJavaType.FLOAT16, OnnxJavaType.BFLOAT16, OnnxJavaType.DOUBLE);

  private final OrtSession session;
  private final ModelInput input;
  private final String layer;
  private final NetworkInput conversion;
  private final int batchSize;
  private final Progress progress;
  private final int dimension;
  private final String cacheKey;
  private volatile boolean closed;

  private OnnxFeaturizer(
      OrtSession session,
      ModelInput input,
      String layer,
      OnnxConfig config,
      Progress progress,
      String modelHash)
      throws OrtException {
    this.session = session;
    this.input = input;
    this.layer = layer;
    this.conversion = config.preprocess();
    this.batchSize = input.fixedBatch() > 0 ? (int) input.fixedBatch() : config.batchSize();
    this.progress = progress == null ? Progress.NONE : progress;
    long declared = declaredDimension();
    this.dimension = declared > 0 ? checkedDimension(declared) : probeDimension();
    this.cacheKey =
        "onnx-"
            + Sha256.hex(
                String.join(
                    "\n",
                    KEY_VERSION,
                    modelHash,
                    "input=" + input.name(),
                    "layer=" + layer,
                    "size=" + conversion.size(),
                    "channels=" + conversion.channels(),
                    "layout=" + conversion.layout(),
                    "resize=" + conversion.resize(),
                    "mean=" + conversion.mean(),
                    "std=" + conversion.std()));
  }

  /** Reads and checks the model {@code config} names, and opens a session returning the layer. */
  static OnnxFeaturizer open(OnnxConfig config, ExtractorContext context) throws IOException {
    ModelFile file = ModelFile.read(config.path(), context.modelRoots());
    OnnxGraph graph = OnnxGraph.parse(file);
    ModelInput input = ModelInput.of(graph, config);
    String layer = graph.layer(config.layer());
    String modelHash = file.sha256(graph.externalLocations());
    OrtSession session = OnnxSessions.create(graph, layer, file, context.threads());
    try {
      return new OnnxFeaturizer(session, input, layer, config, context.progress(), modelHash);
    } catch (OrtException e) {
      OnnxSessions.close(session);
      throw new IOException("layer '" + layer + "' of " + file.file() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      OnnxSessions.close(session);
      throw e;
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String cacheKey() {
    return cacheKey;
  }

  @Override
  public float[] extract(ImageSet images) {
    if (closed) {
      throw new IllegalStateException("the onnx featurizer is closed");
    }
    int n = images.size();
    float[] features = new float[Math.multiplyExact(n, dimension)];
    conversion.forEachBatch(
        images,
        batchSize,
        (int) Math.max(0, input.fixedBatch()),
        progress,
        "onnx features (" + layer + ")",
        (batch, rows, start, count) -> run(batch, rows, features, start, count));
    return features;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      OnnxSessions.close(session);
    }
  }

  /** Runs {@code fed} inputs and copies the first {@code count} rows to {@code dst}. */
  private void run(float[] batch, int fed, float[] dst, int firstImage, int count) {
    try (OnnxTensor in = inputTensor(batch, fed);
        OrtSession.Result result = session.run(Map.of(input.name(), in), Set.of(layer))) {
      OnnxTensor out = checkedOutput(result.get(0), fed);
      int from = Math.multiplyExact(firstImage, dimension);
      int length = count * dimension;
      if (out.getInfo().type == OnnxJavaType.DOUBLE) {
        DoubleBuffer values = out.getDoubleBuffer();
        for (int k = 0; k < length; k++) {
          dst[from + k] = (float) values.get(k);
        }
      } else {
        out.getFloatBuffer().get(dst, from, length);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          "layer '" + layer + "' failed on a batch of " + fed + " images: " + e.getMessage(), e);
    }
  }

  private OnnxTensor inputTensor(float[] batch, int fed) throws OrtException {
    int s = conversion.size();
    int c = conversion.channels();
    long[] shape =
        conversion.layout().equals("nchw") ? new long[] {fed, c, s, s} : new long[] {fed, s, s, c};
    return OnnxTensor.createTensor(
        OrtEnvironment.getEnvironment(),
        FloatBuffer.wrap(batch, 0, fed * conversion.valuesPerImage()),
        shape);
  }

  /** The value as a tensor, after checking its type and that it holds {@code fed} rows. */
  private OnnxTensor checkedOutput(OnnxValue value, int fed) {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new IllegalStateException(where() + " is a " + value.getType() + ", not a tensor");
    }
    TensorInfo info = tensor.getInfo();
    if (!READABLE.contains(info.type)) {
      throw new IllegalStateException(
          where() + " holds " + info.type + " values; features " + "must be floating point");
    }
    long[] shape = info.getShape();
    if (shape.length < 1 || shape[0] != fed || info.getNumElements() != (long) fed * dimension) {
      throw new IllegalStateException(
          where()
              + " gave shape "
              + Arrays.toString(shape)
              + " for a batch of "
              + fed
              + " images; expected ["
              + fed
              + ", ...] with "
              + dimension
              + " values per image");
    }
    return tensor;
  }

  /** Values per image the session declares for the layer, or -1 when a dimension is open. */
  private long declaredDimension() throws OrtException {
    NodeInfo node = session.getOutputInfo().get(layer);
    if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
      throw new IllegalArgumentException(
          where()
              + " is not a tensor: "
              + (node == null ? "the session does not return it" : node.getInfo()));
    }
    if (!READABLE.contains(info.type)) {
      throw new IllegalArgumentException(
          where()
              + " holds "
              + info.type
              + " values; features "
              + "must be floating point (FLOAT, FLOAT16, BFLOAT16 or DOUBLE)");
    }
    long[] shape = info.getShape();
    if (shape.length == 0) {
      throw new IllegalArgumentException(where() + " is a scalar, not one vector per image");
    }
    if (shape[0] > 0 && shape[0] != input.fixedBatch()) {
      throw new IllegalArgumentException(
          where()
              + " has shape "
              + Arrays.toString(shape)
              + ": its first dimension is not the batch, so it is not one vector per image");
    }
    long product = 1;
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] <= 0) {
        return -1;
      }
      product = Math.multiplyExact(product, shape[i]);
    }
    return product;
  }

  /** Runs one batch of blank images to learn a length the model leaves open. */
  private int probeDimension() {
    int fed = input.fixedBatch() > 0 ? batchSize : 1;
    float[] blank = new float[Math.multiplyExact(fed, conversion.valuesPerImage())];
    try (OnnxTensor in = inputTensor(blank, fed);
        OrtSession.Result result = session.run(Map.of(input.name(), in), Set.of(layer))) {
      OnnxValue value = result.get(0);
      long[] shape = value instanceof OnnxTensor t ? t.getInfo().getShape() : new long[0];
      if (shape.length < 1 || shape[0] != fed) {
        throw new IllegalArgumentException(
            where()
                + " gave shape "
                + Arrays.toString(shape)
                + " for a batch of "
                + fed
                + "; features need a shape [batch, ...]");
      }
      long total = ((OnnxTensor) value).getInfo().getNumElements();
      return checkedDimension(total / fed);
    } catch (OrtException e) {
      throw new IllegalArgumentException(
          where()
              + " could not be computed for a blank batch "
              + "of "
              + fed
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private int checkedDimension(long dim) {
    if (dim < 1 || dim > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where() + " has " + dim + " values per image");
    }
    return (int) dim;
  }

  private String where() {
    return "layer '" + layer + "'";
  }
}
