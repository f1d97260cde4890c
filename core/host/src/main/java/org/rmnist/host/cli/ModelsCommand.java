package org.rmnist.host.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.FeatureLayer;
import org.rmnist.api.Model;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Progress;
import org.rmnist.api.io.IdxFile;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.data.Fetcher;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.models.Exporter;
import org.rmnist.host.models.ModelManifest;
import org.rmnist.host.plugin.ConfigBinder;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;
import org.rmnist.host.run.Runner;
import org.rmnist.host.util.ConsoleProgress;
import org.rmnist.host.util.Home;
import org.rmnist.host.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rmnist models list|fetch|verify|layers|pretrain}: pretrained networks in models/. */
@Command(
    name = "models",
    description = "Pretrained networks described in models/<name>.yaml.",
    subcommands = {
      ModelsCommand.ListModels.class,
      ModelsCommand.Fetch.class,
      ModelsCommand.Verify.class,
      ModelsCommand.Layers.class,
      ModelsCommand.Pretrain.class
    })
final class ModelsCommand implements Callable<Integer> {
  @ParentCommand RmnistCli root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return RmnistCli.missingSubcommand(spec);
  }

  private static Path dir(String name) {
    return Home.modelDir(ModelManifest.checkName(name));
  }

  @Command(
      name = "list",
      description =
          "The model manifests and whether their files are here; "
              + "a broken manifest is listed with its error.",
      exitCodeList = {
        "0:every manifest is valid",
        "2:bad input: a manifest is broken (listed with its error)"
      })
  static final class ListModels implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      Path models = Home.root().resolve("models");
      int broken = 0;
      for (String name : ModelManifest.known(models)) {
        try {
          ModelManifest m = ModelManifest.load(models, name);
          boolean here = Files.isRegularFile(m.path(models));
          System.out.printf("%-22s %-9s %s%n", name, here ? "present" : "absent", m.description());
        } catch (ConfigException e) {
          broken++;
          System.out.printf("%-22s %-9s %s%n", name, "BROKEN", e.getMessage());
        }
      }
      if (broken > 0) {
        System.err.println(
            "error: " + broken + " broken manifest" + (broken == 1 ? "" : "s") + " in " + models);
        return RmnistCli.BAD_INPUT;
      }
      return RmnistCli.OK;
    }
  }

  @Command(
      name = "fetch",
      description = {
        "Download a model's file (or copy it --from a file or "
            + "folder) and verify its SHA-256; a file with a wrong hash is never kept.",
        "A file already there and verified is kept (--from is then not used); one with a wrong "
            + "hash is replaced by a verified copy."
      },
      exitCodeList = {
        "0:the file is there and verified",
        "1:it could not be fetched, or no copy had the right SHA-256 (the log says which)",
        "2:bad input: unknown or broken manifest, bad --from or --attempts"
      })
  static final class Fetch implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "A manifest models/NAME.yaml.")
    String name;

    @Option(
        names = "--from",
        paramLabel = "FILE|DIR|URL",
        description = "Copy this file (or from this folder), or download from this base URL.")
    String from;

    @Mixin AttemptsOption attempts;

    @Override
    public Integer call() throws Exception {
      Path d = dir(name);
      ModelManifest m = ModelManifest.load(d, name);
      Fetcher fetcher = new Fetcher(ConsoleProgress.forTerminal(), System.out, attempts.checked());
      String source = DataCommand.from(from);
      if (m.urls().isEmpty()
          && source == null
          && fetcher.verify(m.asDownload(), d).get(0).status() != Fetcher.Status.OK) {
        throw new ConfigException(
            "model '"
                + name
                + "' has no download URL (it is made here: "
                + m.source()
                + "); pass --from FILE");
      }
      List<String> failed = fetcher.fetch(m.asDownload(), d, source);
      return failed.isEmpty() ? 0 : 1;
    }
  }

  @Command(
      name = "verify",
      description = "Check the SHA-256 of a model's file.",
      exitCodeList = {
        "0:the file is there and verified",
        "1:the file is missing or has a wrong SHA-256",
        "2:bad input: unknown or broken manifest"
      })
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "A manifest models/NAME.yaml.")
    String name;

    @Override
    public Integer call() throws Exception {
      Path d = dir(name);
      ModelManifest m = ModelManifest.load(d, name);
      Fetcher.Check c = new Fetcher(Progress.NONE, System.out, 1).verify(m.asDownload(), d).get(0);
      switch (c.status()) {
        case OK -> System.out.println(m.path(d) + ": ok");
        case MISSING ->
            System.out.println(m.path(d) + ": MISSING (rmnist models fetch " + name + ")");
        case BAD_HASH ->
            System.out.println(
                c.file().orElseThrow()
                    + ": BAD: SHA-256 "
                    + c.actual()
                    + ", expected "
                    + m.sha256()
                    + " (rmnist models fetch "
                    + name
                    + " replaces it)");
        case CORRUPT ->
            System.out.println(
                "BAD: " + c.actual() + " (rmnist models fetch " + name + " replaces it)");
      }
      return c.status() == Fetcher.Status.OK ? 0 : 1;
    }
  }

  @Command(
      name = "layers",
      description =
          "The tensors of a model that can be used as features "
              + "(name, shape, operation), for features.params.layer.")
  static final class Layers implements Callable<Integer> {
    @ParentCommand ModelsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "A manifest models/NAME.yaml.")
    String name;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
      Path d = dir(name);
      ModelManifest m = ModelManifest.load(d, name);
      if (!Files.isRegularFile(m.path(d))) {
        throw new java.nio.file.NoSuchFileException(
            m.path(d).toString(), null, "not here; get it with `rmnist models fetch " + name + "`");
      }
      try (PluginHost host = parent.root.openHost()) {
        var ex =
            (FeatureExtractor<Record>)
                host.get(
                        ExtensionKind.FEATURE_EXTRACTOR,
                        m.extractor(),
                        d.resolve(name + ".yaml") + ": extractor")
                    .component();
        Record config =
            ConfigBinder.bind(
                ex, m.extractorParams(d, Map.of()), d.resolve(name + ".yaml") + ": params");
        List<FeatureLayer> layers =
            ex.layers(config, new ExtractorContext(Home.modelRoots(), Progress.NONE, 1));
        if (layers.isEmpty()) {
          System.out.println("extractor '" + m.extractor() + "' cannot list layers");
          return 1;
        }
        Map<String, String> shortNames = new LinkedHashMap<>();
        m.layers().forEach((k, v) -> shortNames.put(v, k));
        for (FeatureLayer l : layers) {
          String alias =
              shortNames.containsKey(l.name()) ? "  (" + shortNames.get(l.name()) + ")" : "";
          System.out.printf("%-40s %-20s %s%s%n", l.name(), l.shape(), l.op(), alias);
        }
        return 0;
      }
    }
  }

  @Command(
      name = "pretrain",
      description = {
        "Train a network on another task (default: "
            + "ResNet-18 on Fashion-MNIST, experiments/pretrain-fashion.yaml), export it to "
            + "models/NAME.onnx and describe it in models/NAME.yaml, ready for features.model: NAME.",
        "The experiment must have one trained run with 'save: true'. Takes tens of minutes."
      })
  static final class Pretrain implements Callable<Integer> {
    @ParentCommand ModelsCommand parent;

    @Option(
        names = "--experiment",
        paramLabel = "FILE",
        description = "Experiment to run (default experiments/pretrain-fashion.yaml).")
    Path experiment;

    @Option(
        names = "--name",
        defaultValue = "fashion-resnet18",
        paramLabel = "NAME",
        description = "Manifest and file name under models/ (default ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--models-dir",
        paramLabel = "DIR",
        description =
            "Where the .onnx file and manifest go (default: models/ in the project; "
                + "add DIR to RMNIST_MODELS to use it).")
    Path modelsDir;

    @Option(
        names = "--results-dir",
        paramLabel = "DIR",
        description = "Where the training run goes (default: results/ in the project).")
    Path resultsDir;

    @Option(
        names = "--penultimate",
        defaultValue = "features",
        paramLabel = "TENSOR",
        description =
            "Tensor listed as the 'penultimate' layer and read by default (default "
                + "${DEFAULT-VALUE}: ResNet's pooled features; a convnet's last hidden layer is "
                + "fcrelu<j>, see `rmnist models layers`).")
    String penultimate;

    @Option(
        names = "--earlier",
        defaultValue = "layer2",
        paramLabel = "TENSOR",
        description = "Tensor listed as the 'earlier' layer (default ${DEFAULT-VALUE}).")
    String earlier;

    @Option(
        names = "--objective",
        paramLabel = "NAME",
        description =
            "What the saved run's model learns from: supervised (its labels), or an objective "
                + "without labels for a model that pretrains on the run's unlabelled images "
                + "(e.g. autoencoder); sets the run's params.objective. Default: the "
                + "experiment's.")
    String objective;

    @Parameters(
        paramLabel = "KEY=VALUE",
        description = "Overrides of the experiment, e.g. " + "runs.resnet18.params.epochs=2")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      Path file =
          experiment != null
              ? experiment
              : Home.root().resolve("experiments/pretrain-fashion.yaml");
      ModelManifest.checkName(name);
      ExperimentLoader.Loaded loaded = ExperimentLoader.load(file, overrides);
      Progress progress = ConsoleProgress.forTerminal();
      try (PluginHost host = parent.root.openHost()) {
        if (objective != null) {
          loaded = withObjective(loaded, host, file);
        }
        Runner.Outcome out =
            new Runner(host, new HostDataContext(progress), progress, System.err)
                .run(loaded, resultsDir != null ? resultsDir : Home.results());
        if (!out.failures().isEmpty()) {
          out.failures().forEach(System.err::println);
          return 1;
        }
        Map<String, Object> row = onlySavedRun(out.dir(), file);
        Path runDir = out.dir().resolve(row.get("run_dir").toString());
        Path models = modelsDir != null ? modelsDir : Home.root().resolve("models");
        Path onnx = models.resolve(name + ".onnx");
        Exporter.Exported e = Exporter.export(host, runDir, onnx);
        NetworkInput in = e.input();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("input", "input");
        params.put("preprocess", ConfigBinder.toMap(in));
        params.put("layer", penultimate);
        double acc = ((Number) row.get("accuracy")).doubleValue() * 100;
        ModelManifest m =
            new ModelManifest(
                name,
                e.modelId()
                    + " trained by `rmnist models "
                    + "pretrain` ("
                    + loaded.spec().name()
                    + ", validation "
                    + String.format("%.2f", acc)
                    + "%)",
                trainedOn(loaded, row),
                "rmnist models pretrain --experiment "
                    + shown(file)
                    + " (run "
                    + runDir.getFileName()
                    + ")",
                onnx.getFileName().toString(),
                IdxFile.contentSha256(onnx),
                List.of(),
                "onnx",
                params,
                Map.of("penultimate", penultimate, "earlier", earlier));
        m.write(models);
        System.out.printf(
            "%s: %s, validation %.2f%%; outputs %s%n%s%n",
            onnx, e.modelId(), acc, String.join(", ", e.outputs()), models.resolve(name + ".yaml"));
        return 0;
      }
    }

    /**
     * {@code loaded} with its saved run's {@code params.objective} set to {@link #objective}, after
     * checking that the run's model can run it.
     */
    private ExperimentLoader.Loaded withObjective(
        ExperimentLoader.Loaded loaded, PluginHost host, Path file) {
      List<String> saved = new ArrayList<>();
      loaded
          .spec()
          .runs()
          .forEach(
              (run, spec) -> {
                if (spec.save() && spec.enabled() && spec.model() != null) {
                  saved.add(run);
                }
              });
      if (saved.size() != 1) {
        throw new ConfigException(
            file
                + ": --objective needs exactly one enabled run with 'save: true', found "
                + saved.size()
                + (saved.isEmpty() ? "" : " (" + String.join(", ", saved) + ")"));
      }
      String run = saved.get(0);
      String model = loaded.spec().runs().get(run).model();
      Model<?> m =
          (Model<?>)
              host.get(ExtensionKind.MODEL, model, file + ": runs." + run + ".id").component();
      List<String> allowed = m.objectives();
      if (!allowed.contains(objective)) {
        List<String> others = new ArrayList<>();
        host.all(ExtensionKind.MODEL)
            .forEach(
                (id, r) -> {
                  if (((Model<?>) r.component()).objectives().contains(objective)) {
                    others.add(id);
                  }
                });
        throw new ConfigException(
            "--objective "
                + objective
                + ": model '"
                + model
                + "' of run '"
                + run
                + "' can run "
                + String.join(", ", allowed)
                + (allowed.size() == 1 ? " only" : "")
                + (others.isEmpty()
                    ? "; no installed model runs '" + objective + "'"
                    : "; models that run '" + objective + "': " + String.join(", ", others)));
      }
      if (allowed.size() == 1) {
        return loaded; // a model with one objective has no objective parameter
      }
      List<String> all = new ArrayList<>(overrides);
      all.add("runs." + run + ".params.objective=" + objective);
      return ExperimentLoader.load(file, all);
    }

    /** What the network was trained on, for its manifest's licence line. */
    private static String trainedOn(ExperimentLoader.Loaded loaded, Map<String, Object> row) {
      Object dataset = row.get("dataset");
      RunSpec run = loaded.spec().runs().get(String.valueOf(row.get("run")));
      if (run != null && run.unlabelled() != null) {
        return "this project's; trained on the images of "
            + dataset
            + "'s pool without their labels (unlabelled view), probed on "
            + dataset
            + "'s labelled draw";
      }
      return "this project's; trained on " + dataset + " data";
    }

    /** The path relative to the project when it is inside it. */
    private static Path shown(Path file) {
      Path abs = file.toAbsolutePath().normalize();
      return abs.startsWith(Home.root()) ? Home.root().relativize(abs) : abs;
    }

    private static Map<String, Object> onlySavedRun(Path dir, Path file) throws Exception {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("results.jsonl"))) {
        Map<String, Object> r = Json.MAPPER.readValue(line, new TypeReference<>() {});
        if ("validation".equals(r.get("split"))
            && Files.isDirectory(
                dir.resolve(r.get("run_dir").toString()).resolve(Runner.MODEL_DIR))) {
          rows.add(r);
        }
      }
      if (rows.size() != 1) {
        throw new ConfigException(
            file
                + ": expected exactly one run with 'save: true' and a "
                + "validation split, found "
                + rows.size());
      }
      return rows.get(0);
    }
  }
}
