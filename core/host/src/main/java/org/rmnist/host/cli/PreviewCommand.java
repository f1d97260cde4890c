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
import org.rmnist.host.util.Home;
import org.rmnist.support.AtomicFiles;
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

  @Parameters(
      index = "1..*",
      paramLabel = "KEY=VALUE",
      description = "With an experiment file: overrides, as for `rmnist run`.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--run",
      description = "Which run of the experiment (default: the first with " + "augmentation).")
  String run;

  @Option(names = "--out", defaultValue = "preview.png", description = "PNG file to write.")
  Path out;

  @Option(names = "--n", defaultValue = "1", description = "Images per class to show.")
  int n;

  @Option(
      names = "--versions",
      defaultValue = "8",
      description = "Distorted versions per image; 0 with --n above 1 lays out one class per row.")
  int versions;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the distortions.")
  long seed;

  @Option(names = "--scale", defaultValue = "3", description = "Pixels per image pixel.")
  int scale;

  @Option(
      names = "--data",
      paramLabel = "NAME",
      split = ",",
      description =
          "With an experiment: which of its data sets (default the first); one with a build "
              + "section shows the set its builder makes, built or read from the results' cache. "
              + "Several, comma-separated: one block of columns per data set, side by side.")
  List<String> dataNames;

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
      names = "--neighbours",
      paramLabel = "RUN",
      split = ",",
      description =
          "With an experiment: instead of distortions, each training image of the data set (row) "
              + "and its --count nearest pool images (cosine) in each named run's feature space, "
              + "one block per run, left to right; 'pixels' for the raw pixels. The pool's labels "
              + "are never read, so the picture is the check.")
  List<String> neighbours;

  @Option(
      names = "--count",
      defaultValue = "8",
      description = "With --neighbours: pool images per row (default ${DEFAULT-VALUE}).")
  int count;

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
    Path file = Path.of(target);
    ExperimentLoader.Loaded loaded = null;
    List<String> names = new ArrayList<>();
    if (target.endsWith(".yaml") || target.endsWith(".yml") || Files.isRegularFile(file)) {
      loaded = ExperimentLoader.load(file, overrides);
      var spec = loaded.spec();
      steps = new ArrayList<>();
      if (neighbours == null) {
        RunSpec rs = pickRun(spec.runs());
        if (rs.augment() != null) {
          steps.addAll(rs.augment().steps());
        }
        steps.addAll(rs.onTheFly());
      }
      names.addAll(
          dataNames != null ? dataNames : List.of(spec.datasets().keySet().iterator().next()));
      for (String name : names) {
        if (!spec.datasets().containsKey(name)) {
          throw new ConfigException(
              "--data: no data set '"
                  + name
                  + "' in "
                  + file
                  + "; data sets: "
                  + String.join(", ", spec.datasets().keySet()));
        }
      }
    } else {
      if (dataNames != null) {
        throw new ConfigException("--data: names a data set of an experiment; TARGET is not one");
      }
      if (!overrides.isEmpty()) {
        throw new ConfigException(
            overrides.get(0)
                + ": overrides need an experiment file as TARGET; '"
                + target
                + "' is not one");
      }
      steps = Preview.parseSteps(target);
      names.add(null);
    }
    if (neighbours != null) {
      if (loaded == null) {
        throw new ConfigException("--neighbours: needs an experiment file as TARGET");
      }
      return neighbours(loaded, names.get(0));
    }
    try (PluginHost host = root.openHost()) {
      List<java.awt.image.BufferedImage> blocks = new ArrayList<>();
      int images = 0;
      for (String name : names) {
        ImageSet set = images(host, loaded, name);
        images += set.size();
        int[] order =
            java.util.stream.IntStream.range(0, set.size())
                .boxed()
                .sorted(java.util.Comparator.comparingInt(i -> set.labels()[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        blocks.add(
            versions == 0 && n > 1
                ? Preview.classRows(set.select(order), scale)
                : Preview.render(set.select(order), steps, versions, new Seed(seed), host, scale));
      }
      var png = blocks.size() == 1 ? blocks.get(0) : Preview.sideBySide(blocks, 4 * scale);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      ImageIO.write(png, "png", bytes);
      AtomicFiles.write(out, bytes.toByteArray());
      System.out.printf(
          "wrote %s: %d images x (original + %d versions)%s, steps: %s%n",
          out,
          images,
          versions,
          names.size() > 1 ? " from " + String.join(", ", names) + ", left to right" : "",
          steps.stream().map(StepSpec::id).toList());
      return 0;
    }
  }

  /**
   * The training images of data set {@code name} of {@code loaded} (null: the --dataset extension
   * with its defaults): its draw, or the set its builder makes.
   */
  @SuppressWarnings("unchecked")
  private ImageSet images(PluginHost host, ExperimentLoader.Loaded loaded, String name)
      throws java.io.IOException {
    DatasetSpec ds = name == null ? null : loaded.spec().datasets().get(name);
    if (ds != null && ds.build() != null) {
      long s = drawSeed != null ? drawSeed : ds.drawSeeds().get(0);
      return new Runner(host, new HostDataContext(Progress.NONE), Progress.NONE, System.err)
          .trainingSet(loaded, name, n, s, resultsDir != null ? resultsDir : Home.results());
    }
    var reg = host.get(ExtensionKind.DATASET, ds != null ? ds.plugin() : datasetId, "--dataset");
    var dataset = (Dataset<Record>) reg.component();
    Record cfg = ConfigBinder.bind(dataset, ds != null ? ds.params() : Map.of(), "dataset params");
    return dataset
        .load(
            cfg,
            new DatasetRequest(n, drawSeed != null ? drawSeed : 0),
            new HostDataContext(Progress.NONE))
        .train();
  }

  /** Writes the --neighbours picture for data set {@code name} of {@code loaded}. */
  private int neighbours(ExperimentLoader.Loaded loaded, String name) throws Exception {
    Preview.checkRange("--count", count, 1, Preview.MAX_VERSIONS, "pool images per row");
    for (String r : neighbours) {
      if (!r.equals("pixels") && !loaded.spec().runs().containsKey(r)) {
        throw new ConfigException(
            "--neighbours: no run '"
                + r
                + "' in "
                + target
                + "; runs: "
                + String.join(", ", loaded.spec().runs().keySet())
                + " (or 'pixels')");
      }
    }
    DatasetSpec ds = loaded.spec().datasets().get(name);
    long s = drawSeed != null ? drawSeed : ds.drawSeeds().get(0);
    Path results = resultsDir != null ? resultsDir : Home.results();
    try (PluginHost host = root.openHost()) {
      Runner runner =
          new Runner(host, new HostDataContext(Progress.NONE), Progress.NONE, System.err);
      List<java.awt.image.BufferedImage> blocks = new ArrayList<>();
      for (String r : neighbours) {
        Runner.Nearest near =
            runner.neighbours(loaded, r.equals("pixels") ? null : r, name, n, s, results, count);
        if (blocks.isEmpty()) {
          ImageSet l = near.labelled();
          int[] rows = java.util.stream.IntStream.range(0, l.size()).toArray();
          blocks.add(
              Preview.classRows(
                  new ImageSet(l.pixels(), rows, l.shape(), l.sourceIndices()), scale));
        }
        blocks.add(Preview.classRows(near.neighbours(), scale));
      }
      var png = Preview.sideBySide(blocks, 4 * scale);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      ImageIO.write(png, "png", bytes);
      AtomicFiles.write(out, bytes.toByteArray());
      System.out.printf(
          "wrote %s: each training image of %s (n = %d, draw %d) and its %d nearest pool images in "
              + "%s, left to right%n",
          out, name, n, s, count, String.join(", ", neighbours));
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
