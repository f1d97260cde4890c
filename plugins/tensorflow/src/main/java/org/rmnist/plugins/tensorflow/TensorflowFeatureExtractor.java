package org.rmnist.plugins.tensorflow;

import java.io.IOException;
import java.util.Optional;
import org.pf4j.Extension;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.Featurizer;

/**
 * {@code tensorflow}: features from one output of one signature of a TensorFlow SavedModel, run
 * with TensorFlow Java from the host's class path. This class touches no TensorFlow class until
 * {@link #open}, so listing plugins never loads the native library.
 */
@Extension
public final class TensorflowFeatureExtractor implements FeatureExtractor<TensorflowConfig> {

  /** The TensorFlow Java artifacts the host must carry, named when they are missing. */
  static final String RUNTIME =
      "org.tensorflow:tensorflow-core-api:1.1.0 and "
          + "org.tensorflow:tensorflow-core-native:1.1.0 with its platform classifier";

  @Override
  public String id() {
    return "tensorflow";
  }

  @Override
  public String summary() {
    return "one output of one signature of a TensorFlow SavedModel, flattened per image; digits "
        + "resized (bilinear), copied to 1 or 3 channels and normalised, fed NHWC or NCHW";
  }

  @Override
  public Class<TensorflowConfig> configType() {
    return TensorflowConfig.class;
  }

  @Override
  public TensorflowConfig defaults() {
    return TensorflowConfig.defaults();
  }

  @Override
  public Featurizer open(TensorflowConfig config, ExtractorContext context) throws IOException {
    try {
      return SavedModelFeaturizer.open(config, context);
    } catch (LinkageError e) {
      throw new IOException(
          "TensorFlow Java is not usable from the host's class path (needs " + RUNTIME + "): " + e,
          e);
    }
  }

  /** SHA-256 of the SavedModel's graph (canonical form), variables and assets. */
  @Override
  public Optional<String> modelSha256(TensorflowConfig config, ExtractorContext context)
      throws IOException {
    try {
      return Optional.of(
          ModelFolder.sha256(ModelFolder.resolve(config.path(), context.modelRoots())));
    } catch (LinkageError e) {
      throw new IOException(
          "TensorFlow Java is not usable from the host's class path (needs " + RUNTIME + "): " + e,
          e);
    }
  }
}
