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
   * Exports the model saved in {@code runDir/model} to {@code out}; when {@code out} is an existing
   * folder, to {@code out/<run folder's name>.onnx} in it.
   *
   * @throws ConfigException when the folder is not a finished run, its model cannot be exported
   *     (said first, whether or not the run kept its model), or it kept no model
   */
  @SuppressWarnings("unchecked")
  public static Exported export(PluginHost host, Path runDir, Path out) throws IOException {
    Path configFile = runDir.resolve("config.json");
    Path saved = runDir.resolve(Runner.MODEL_DIR);
    if (!Files.isRegularFile(configFile)) {
      throw new ConfigException(
          runDir
              + ": not a finished run (no config.json); pass a folder "
              + "under results/<experiment>/runs/");
    }
    Map<String, Object> config;
    try {
      config = Json.MAPPER.readValue(configFile.toFile(), new TypeReference<>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(
          configFile + ": not a run's config (" + e.getOriginalMessage() + ")", e);
    }
    if (!(config.get("model") instanceof Map<?, ?> modelEntry)) {
      throw new ConfigException(
          configFile + ": an ensemble has no single model to export; " + "export its members");
    }
    String id = String.valueOf(modelEntry.get("id"));
    var registered = host.get(ExtensionKind.MODEL, id, configFile + ": model.id");
    var model = (Model<Record>) registered.component();
    // exportsOnnx() is a default method (false): a plugin built before it may still export, which
    // its saved model tells (instanceof OnnxExportable below); without one, believe the model.
    if (!model.exportsOnnx() && !Files.isDirectory(saved)) {
      throw new ConfigException(
          "model '"
              + id
              + "' (plugin "
              + registered.plugin().id()
              + ") cannot be exported to ONNX; models that can: "
              + exportable(host));
    }
    if (!Files.isDirectory(saved)) {
      throw new ConfigException(
          runDir
              + ": the run kept no model (no "
              + Runner.MODEL_DIR
              + "/ folder); set 'save: true' on the run and run it again");
    }
    Path file = target(out, runDir);
    Record bound =
        ConfigBinder.bind(
            model, (Map<String, Object>) modelEntry.get("config"), configFile + ": model.config");
    try (TrainedModel trained = model.load(bound, saved)) {
      if (!(trained instanceof OnnxExportable exportable)) {
        throw new ConfigException(
            "model '"
                + id
                + "' (plugin "
                + registered.plugin().id()
                + ") cannot be exported to ONNX: its trained model is not OnnxExportable");
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      List<String> outputs = exportable.exportOnnx(file);
      return new Exported(file, id, outputs, exportable.onnxInput());
    }
  }

  /** The file to write: {@code out}, or {@code out/<run>.onnx} when it is a folder. */
  private static Path target(Path out, Path runDir) {
    if (Files.isDirectory(out)) {
      return out.resolve(runDir.toAbsolutePath().normalize().getFileName() + ".onnx");
    }
    for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new ConfigException("--out " + out + ": " + p + " is a file, not a folder");
      }
    }
    return out;
  }

  private static String exportable(PluginHost host) {
    List<String> ids =
        host.all(ExtensionKind.MODEL).values().stream()
            .filter(r -> ((Model<?>) r.component()).exportsOnnx())
            .map(r -> r.component().id())
            .sorted()
            .toList();
    return ids.isEmpty() ? "none loaded" : String.join(", ", ids);
  }
}
