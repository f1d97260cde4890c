package org.rmnist.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.rmnist.api.Dataset;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.DatasetSpec;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.config.StepSpec;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.run.Preview;
import org.rmnist.host.run.Runner;
import org.rmnist.host.util.AtomicFiles;
import org.rmnist.host.util.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Writes a PNG grid of training images and distorted versions of each. */
@Command(
    name = "preview",
    description = {
      "Write a PNG: the training images (first column) and " + "distorted versions of each.",
      "TARGET is an experiment file (its run's augment and "
          + "onTheFly steps, its first data set) or transforms like 'elastic:alpha=34,sigma=4+rotate'."
    })
final class PreviewCommand implements Callable<Integer> {
  @ParentCommand RmnistCli root;

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(
      names = "--run",
      description = "Which run of the experiment (default: the first with " + "augmentation).")
  String run;

  @Option(names = "--out", defaultValue = "preview.png", description = "PNG file to write.")
  Path out;

  @Option(names = "--n", defaultValue = "1", description = "Images per class to show.")
  int n;

  @Option(names = "--versions", defaultValue = "8", description = "Distorted versions per image.")
  int versions;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the distortions.")
  long seed;

  @Option(names = "--scale", defaultValue = "3", description = "Pixels per image pixel.")
  int scale;

  @Option(
      names = "--data",
      paramLabel = "NAME",
      description =
          "With an experiment: which of its data sets (default the first); one with a build "
              + "section shows the set its builder makes, built or read from the results' cache.")
  String dataName;

  @Option(
      names = "--draw-seed",
      description = "With --data: the draw (or build) seed (default the data set's first).")
  Long drawSeed;

  @Option(
      names = "--results-dir",
      description =
          "With --data: the results folder whose cache holds built sets (default "
              + "results/ in the project).")
  Path resultsDir;

  @Option(
      names = "--dataset",
      defaultValue = "rmnist",
      description = "Dataset id when TARGET is a transform (default rmnist, protocol defaults).")
  String datasetId;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws Exception {
    Preview.checkRange("--n", n, 1, Preview.MAX_PER_CLASS, "images per class");
    Preview.checkRange("--versions", versions, 0, Preview.MAX_VERSIONS, "distorted versions");
    Preview.checkRange("--scale", scale, 1, Preview.MAX_SCALE, "pixels per image pixel");
    List<StepSpec> steps;
    String dsId = datasetId;
    Map<String, Object> dsParams = Map.of();
    Path file = Path.of(target);
    ExperimentLoader.Loaded loaded = null;
    String dsName = null;
    DatasetSpec ds = null;
    if (target.endsWith(".yaml") || target.endsWith(".yml") || Files.isRegularFile(file)) {
      loaded = ExperimentLoader.load(file, List.of());
      var spec = loaded.spec();
      RunSpec rs = pickRun(spec.runs());
      steps = new ArrayList<>();
      if (rs.augment() != null) {
        steps.addAll(rs.augment().steps());
      }
      steps.addAll(rs.onTheFly());
      dsName = dataName != null ? dataName : spec.datasets().keySet().iterator().next();
      ds = spec.datasets().get(dsName);
      if (ds == null) {
        throw new ConfigException(
            "--data: no data set '"
                + dsName
                + "' in "
                + file
                + "; data sets: "
                + String.join(", ", spec.datasets().keySet()));
      }
      dsId = ds.plugin();
      dsParams = ds.params();
    } else {
      if (dataName != null) {
        throw new ConfigException("--data: names a data set of an experiment; TARGET is not one");
      }
      steps = Preview.parseSteps(target);
    }
    try (PluginHost host = root.openHost()) {
      var reg = host.get(ExtensionKind.DATASET, dsId, "--dataset");
      var dataset = (Dataset<Record>) reg.component();
      Record cfg = ConfigBinder.bind(dataset, dsParams, "dataset params");
      ImageSet images;
      if (ds != null && ds.build() != null) {
        long seed = drawSeed != null ? drawSeed : ds.drawSeeds().get(0);
        images =
            new Runner(host, new HostDataContext(Progress.NONE), Progress.NONE, System.err)
                .trainingSet(
                    loaded, dsName, n, seed, resultsDir != null ? resultsDir : Home.results());
      } else {
        images =
            dataset
                .load(
                    cfg,
                    new DatasetRequest(n, drawSeed != null ? drawSeed : 0),
                    new HostDataContext(Progress.NONE))
                .train();
      }
      int[] order =
          java.util.stream.IntStream.range(0, images.size())
              .boxed()
              .sorted(java.util.Comparator.comparingInt(i -> images.labels()[i]))
              .mapToInt(Integer::intValue)
              .toArray();
      var png = Preview.render(images.select(order), steps, versions, new Seed(seed), host, scale);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      ImageIO.write(png, "png", bytes);
      AtomicFiles.write(out, bytes.toByteArray());
      System.out.printf(
          "wrote %s: %d images x (original + %d versions), steps: %s%n",
          out, images.size(), versions, steps.stream().map(StepSpec::id).toList());
      return 0;
    }
  }

  private RunSpec pickRun(Map<String, RunSpec> runs) {
    if (run != null) {
      RunSpec r = runs.get(run);
      if (r == null) {
        throw new ConfigException(
            "--run: no run '" + run + "'; runs: " + String.join(", ", runs.keySet()));
      }
      return r;
    }
    return runs.values().stream()
        .filter(
            r -> (r.augment() != null && !r.augment().steps().isEmpty()) || !r.onTheFly().isEmpty())
        .findFirst()
        .orElseThrow(
            () ->
                new ConfigException(target + ": no run has augment or onTheFly steps to preview"));
  }
}
