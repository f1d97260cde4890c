package org.rmnist.plugins.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;

/**
 * Creates ONNX Runtime sessions on the process-wide {@link OrtEnvironment} (created once by ONNX
 * Runtime, shared with every other user in the JVM, never closed here).
 */
final class OnnxSessions {
  private OnnxSessions() {}

  /** Where ONNX Runtime looks for external data when the model comes from memory. */
  static final String EXTERNAL_DATA_FOLDER = "session.model_external_initializers_file_folder_path";

  /**
   * A session over {@code graph} that can return {@code layer}: the model as it is when the layer
   * is a graph output, else with the layer added as one. An added tensor the model gives no type
   * goes in bare (ONNX Runtime infers it); should that be refused, once more as a float tensor.
   *
   * @param threads intra-op threads; 0 or less leaves the choice to ONNX Runtime
   */
  static OrtSession create(OnnxGraph graph, String layer, ModelFile file, int threads)
      throws IOException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = options(file, threads)) {
      try {
        return env.createSession(graph.withOutput(layer, false), options);
      } catch (OrtException bare) {
        if (graph.isOutput(layer) || graph.hasType(layer)) {
          throw bare;
        }
        try {
          return env.createSession(graph.withOutput(layer, true), options);
        } catch (OrtException typed) {
          typed.addSuppressed(bare);
          throw typed;
        }
      }
    } catch (OrtException e) {
      throw new IOException(
          "path: ONNX Runtime cannot load "
              + file.file()
              + (graph.isOutput(layer) ? "" : " with '" + layer + "' as an added graph output")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Closes {@code session}, turning ONNX Runtime's checked exception into an unchecked one. */
  static void close(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(
          "cannot close the ONNX Runtime session: " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions options(ModelFile file, int threads)
      throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
      }
      options.setInterOpNumThreads(1);
      options.addConfigEntry(EXTERNAL_DATA_FOLDER, file.folder().toString());
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
