package org.rmnist.host.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rmnist.host.models.Exporter;
import org.rmnist.host.plugin.PluginHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rmnist export RUN_DIR --out FILE}: a trained model as an ONNX file. */
@Command(
    name = "export",
    description = {
      "Write the trained model of a finished run as ONNX, so "
          + "it runs without rmnist (the run needs 'save: true').",
      "Input 'input' (N x C x H x W float), first output 'logits'."
    },
    exitCodeList = {
      "0:written",
      "1:the export itself failed",
      "2:bad input: not a finished run, a model that cannot export or was not saved, bad --out"
    })
final class ExportCommand implements Callable<Integer> {
  @ParentCommand RmnistCli root;

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "A run folder: results/<experiment>/runs/<run>.")
  Path runDir;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "FILE|DIR",
      description = "The .onnx file to write; an existing folder gets <run>.onnx in it.")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (PluginHost host = root.openHost()) {
      Exporter.Exported e = Exporter.export(host, runDir, out);
      System.out.printf(
          "%s: %s model, outputs %s; input %s%n",
          e.file(), e.modelId(), String.join(", ", e.outputs()), e.input());
      return 0;
    }
  }
}
