package org.rmnist.host.models;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rmnist.api.Model;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.OnnxExportable;
import org.rmnist.api.TrainedModel;
import org.rmnist.host.ConfigException;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.run.Runner;
import org.rmnist.host.util.Json;

/**
 * Writes the trained model of a finished run (one with {@code save: true}) as an ONNX graph,
 * through the model plugin's {@link OnnxExportable}.
 */
public final class Exporter {
  private Exporter() {}

  /** What was written: the graph's outputs and the input conversion it expects. */
  public record Exported(Path file, String modelId, List<String> outputs, NetworkInput input) {}

  /**
   * Exports the model saved in {@code runDir/model} to {@code out}.
   *
   * @throws ConfigException when the folder is not a finished run with a saved model, or its model
   *     cannot be exported
   */
  @SuppressWarnings("unchecked")
  public static Exported export(PluginHost host, Path runDir, Path out) throws IOException {
    Path configFile = runDir.resolve("config.json");
    Path saved = runDir.resolve(Runner.MODEL_DIR);
    if (!Files.isRegularFile(configFile)) {
      throw new ConfigException(runDir + ": not a finished run (no config.json); pass a folder "
          + "under results/<experiment>/runs/");
    }
    if (!Files.isDirectory(saved)) {
      throw new ConfigException(runDir + ": the run kept no model (no " + Runner.MODEL_DIR
          + "/ folder); set 'save: true' on the run and run it again");
    }
    Map<String, Object> config = Json.MAPPER.readValue(configFile.toFile(),
        new TypeReference<>() {});
    if (!(config.get("model") instanceof Map<?, ?> modelEntry)) {
      throw new ConfigException(configFile + ": an ensemble has no single model to export; "
          + "export its members");
    }
    String id = String.valueOf(modelEntry.get("id"));
    var registered = host.get(ExtensionKind.MODEL, id, configFile + ": model.id");
    var model = (Model<Record>) registered.component();
    Record bound = ConfigBinder.bind(model, (Map<String, Object>) modelEntry.get("config"),
        configFile + ": model.config");
    try (TrainedModel trained = model.load(bound, saved)) {
      if (!(trained instanceof OnnxExportable exportable)) {
        throw new ConfigException("model '" + id + "' (plugin " + registered.plugin().id()
            + ") cannot be exported to ONNX");
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      List<String> outputs = exportable.exportOnnx(out);
      return new Exported(out, id, outputs, exportable.onnxInput());
    }
  }
}
