package org.rmnist.plugins.tensorflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Progress;
import org.rmnist.support.Sha256;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * An open SavedModel: feeds batches of preprocessed digits to one signature input and returns one
 * output, flattened per image. Owns the bundle (graph and session); every tensor it creates or
 * receives is closed before the call returns. Safe for concurrent {@link #extract} calls.
 */
final class SavedModelFeaturizer implements Featurizer {

  /** The tag of the serving graph, the one every exporter writes. */
  static final String TAG = SavedModelBundle.DEFAULT_TAG;

  /** Bump when preprocessing or reading changes what features a model gives. */
  private static final String KEY_VERSION = "tensorflow-features-1";

  private final SavedModelBundle bundle;
  private final TensorflowConfig config;
  private final SignatureChoice choice;
  private final Progress progress;
  private final int dimension;
  private final String cacheKey;
  private volatile boolean closed;

  private SavedModelFeaturizer(
      SavedModelBundle bundle,
      TensorflowConfig config,
      SignatureChoice choice,
      Progress progress,
      String modelHash) {
    this.bundle = bundle;
    this.config = config;
    this.choice = choice;
    this.progress = progress == null ? Progress.NONE : progress;
    long declared = choice.declaredDimension();
    this.dimension = declared >= 0 ? checkedDimension(declared) : probeDimension();
    this.cacheKey =
        "tensorflow-"
            + Sha256.hex(
                String.join(
                    "\n",
                    KEY_VERSION,
                    modelHash,
                    "signature=" + choice.signature(),
                    "input=" + choice.inputKey(),
                    "output=" + choice.outputKey(),
                    "size=" + config.preprocess().size(),
                    "channels=" + config.preprocess().channels(),
                    "layout=" + config.preprocess().layout(),
                    "mean=" + Arrays.toString(config.meanPerChannel()),
                    "std=" + Arrays.toString(config.stdPerChannel())));
  }

  /** Resolves, hashes and loads the SavedModel {@code config} names, and checks its signature. */
  static SavedModelFeaturizer open(TensorflowConfig config, ExtractorContext context)
      throws IOException {
    Path folder = ModelFolder.resolve(config.path(), context.modelRoots());
    String modelHash = ModelFolder.sha256(folder);
    SavedModelBundle bundle;
    try {
      bundle =
          SavedModelBundle.loader(folder.toString())
              .withTags(TAG)
              .withConfigProto(sessionConfig(context.threads()))
              .load();
    } catch (TensorFlowException e) {
      throw new IOException(
          "path: cannot load the SavedModel in "
              + folder
              + " (tag '"
              + TAG
              + "'): "
              + e.getMessage(),
          e);
    }
    try {
      SignatureChoice choice = SignatureChoice.of(bundle.metaGraphDef(), config, folder);
      return new SavedModelFeaturizer(bundle, config, choice, context.progress(), modelHash);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /**
   * Session options: {@code threads} intra-op threads (0 = TensorFlow's choice, one per core) and
   * one inter-op thread, since a feature extractor is mostly a chain of ops.
   */
  static ConfigProto sessionConfig(int threads) {
    int intra = Math.max(0, threads);
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intra)
        .setInterOpParallelismThreads(intra == 0 ? 0 : 1)
        .build();
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
      throw new IllegalStateException("the tensorflow featurizer is closed");
    }
    if (images.shape().channels() != 1) {
      throw new IllegalArgumentException(
          "expected grey images (1 channel, copied to each of the "
              + config.preprocess().channels()
              + " the model takes), got "
              + images.shape());
    }
    int n = images.size();
    float[] features = new float[Math.multiplyExact(n, dimension)];
    NetworkInput input = config.preprocess();
    input.forEachBatch(
        images,
        config.batchSize(),
        (int) Math.max(0, choice.fixedBatch()),
        progress,
        "tensorflow features",
        (batch, rows, start, count) -> run(batch, rows, features, start, count));
    return features;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      bundle.close();
    }
  }

  /** Runs {@code fed} inputs and copies the first {@code count} outputs to {@code dst}. */
  private void run(float[] batch, int fed, float[] dst, int firstImage, int count) {
    Shape inputShape = inputShape(fed);
    try (TFloat32 input =
            TFloat32.tensorOf(
                inputShape, DataBuffers.of(batch, true, false).narrow(inputShape.size()));
        Result result =
            bundle
                .session()
                .runner()
                .feed(choice.inputName(), input)
                .fetch(choice.outputName())
                .run()) {
      TFloat32 output = checkedOutput(result.get(0), fed);
      if (count == fed) {
        output.copyTo(
            DataBuffers.of(dst, false, false)
                .slice((long) firstImage * dimension, (long) count * dimension));
      } else {
        float[] all = new float[fed * dimension];
        output.copyTo(DataBuffers.of(all, false, false));
        System.arraycopy(all, 0, dst, firstImage * dimension, count * dimension);
      }
    } catch (TensorFlowException e) {
      throw new IllegalStateException(
          "signature '"
              + choice.signature()
              + "' failed on a batch of "
              + fed
              + " images: "
              + e.getMessage(),
          e);
    }
  }

  /** The output tensor as floats, after checking it holds {@code fed} rows of the dimension. */
  private TFloat32 checkedOutput(Tensor tensor, int fed) {
    Shape shape = tensor.shape();
    if (tensor.dataType() != DataType.DT_FLOAT) {
      throw new IllegalStateException(
          where() + " gave " + tensor.dataType() + ", expected " + DataType.DT_FLOAT);
    }
    if (shape.numDimensions() < 1
        || shape.get(0) != fed
        || shape.size() != (long) fed * dimension) {
      throw new IllegalStateException(
          where()
              + " gave shape "
              + shape
              + " for a batch of "
              + fed
              + " images; expected ["
              + fed
              + ", ...] with "
              + dimension
              + " values per image");
    }
    return (TFloat32) tensor;
  }

  /** Runs one batch of blank images to learn an output length the signature leaves open. */
  private int probeDimension() {
    int fed = Math.max(1, choice.fixedBatch());
    Shape inputShape = inputShape(fed);
    try (TFloat32 input =
            TFloat32.tensorOf(
                inputShape, DataBuffers.of(new float[(int) inputShape.size()], true, false));
        Result result =
            bundle
                .session()
                .runner()
                .feed(choice.inputName(), input)
                .fetch(choice.outputName())
                .run()) {
      Shape shape = result.get(0).shape();
      if (shape.numDimensions() < 1 || shape.get(0) != fed) {
        throw new IllegalArgumentException(
            where()
                + " gave shape "
                + shape
                + " for a batch of "
                + fed
                + "; features need a shape [batch, ...]");
      }
      return checkedDimension(shape.size() / fed);
    }
  }

  /** The shape of a batch of {@code fed} model inputs in the configured layout. */
  private Shape inputShape(int fed) {
    NetworkInput in = config.preprocess();
    return config.channelsFirst()
        ? Shape.of(fed, in.channels(), in.size(), in.size())
        : Shape.of(fed, in.size(), in.size(), in.channels());
  }

  private int checkedDimension(long dim) {
    if (dim < 1 || dim > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where() + " has " + dim + " values per image");
    }
    return (int) dim;
  }

  private String where() {
    return "output '" + choice.outputKey() + "' of signature '" + choice.signature() + "'";
  }
}
