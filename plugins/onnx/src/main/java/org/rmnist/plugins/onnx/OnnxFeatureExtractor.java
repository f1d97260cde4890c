package org.rmnist.plugins.onnx;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.FeatureLayer;
import org.rmnist.api.Featurizer;

/**
 * {@code onnx}: features from any tensor of an ONNX image model, run with ONNX Runtime from the
 * host's class path. Only {@link #open} touches ONNX Runtime, so listing plugins or layers never
 * loads the native library.
 */
@Extension
public final class OnnxFeatureExtractor implements FeatureExtractor<OnnxConfig> {

  /** The ONNX Runtime artifact the host must carry, named when it is missing. */
  static final String RUNTIME = "com.microsoft.onnxruntime:onnxruntime:1.23.2";

  @Override
  public String id() {
    return "onnx";
  }

  @Override
  public String summary() {
    return "any tensor of an ONNX image model (a graph output or an intermediate layer), "
        + "flattened per image; digits resized, copied to each channel and normalised, fed "
        + "NCHW or NHWC";
  }

  @Override
  public Class<OnnxConfig> configType() {
    return OnnxConfig.class;
  }

  @Override
  public OnnxConfig defaults() {
    return OnnxConfig.defaults();
  }

  @Override
  public Featurizer open(OnnxConfig config, ExtractorContext context) throws IOException {
    try {
      return OnnxFeaturizer.open(config, context);
    } catch (LinkageError e) {
      throw new IOException(
          "ONNX Runtime is not usable from the host's class path (needs " + RUNTIME + "): " + e, e);
    }
  }

  /**
   * Graph inputs (op {@code input}) and every node output, in graph order, with the shapes the
   * model declares (graph inputs, outputs and value_info from shape inference; -1 for an open
   * dimension, [-1] when the model declares none).
   */
  @Override
  public List<FeatureLayer> layers(OnnxConfig config, ExtractorContext context) throws IOException {
    return OnnxGraph.parse(ModelFile.read(config.path(), context.modelRoots())).layers();
  }

  /** The model file's SHA-256 with its external weights, as the feature cache key uses it. */
  @Override
  public Optional<String> modelSha256(OnnxConfig config, ExtractorContext context)
      throws IOException {
    return Optional.of(ModelFile.modelSha256(config.path(), context.modelRoots()));
  }
}
