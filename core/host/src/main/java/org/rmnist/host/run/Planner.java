package org.rmnist.host.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.DatasetSpec;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.host.plugin.PluginHost;

/**
 * Expands an experiment into its runs, binding every id and parameter first, so a typo fails before
 * anything is computed, and hashing the files they read (each once). Order: data set, n, draw seed,
 * then the model runs (file order, training seeds), then the ensembles of that data; data loads
 * once per draw.
 */
final class Planner {
  private Planner() {}

  private record BoundRun(
      String name,
      RunSpec spec,
      Bound.Learner<?> model,
      Pipeline pipeline,
      Optional<FeatureStage.Features> features,
      String at) {}

  private record BoundData(
      String name,
      DatasetSpec spec,
      Bound.Data<?> dataset,
      Optional<TrainingSets.Maker> build,
      String at) {}

  static List<PlannedRun> plan(Loaded loaded, PluginHost host, InputFiles inputs)
      throws IOException {
    String file = loaded.file().toString();
    List<BoundRun> bound = new ArrayList<>();
    for (Map.Entry<String, RunSpec> r : loaded.spec().runs().entrySet()) {
      RunSpec rs = r.getValue();
      if (!rs.enabled() || rs.ensemble() != null) {
        continue;
      }
      String at = file + ": runs." + r.getKey();
      var model = host.get(ExtensionKind.MODEL, rs.model(), at + ".id");
      bound.add(
          new BoundRun(
              r.getKey(),
              rs,
              Bound.learner(model, rs.params(), at + ".params"),
              Pipeline.bind(rs.augment(), rs.onTheFly(), host, at),
              FeatureStage.bind(rs, host, at),
              at));
    }
    List<BoundData> sets = new ArrayList<>();
    for (Map.Entry<String, DatasetSpec> d : loaded.spec().datasets().entrySet()) {
      DatasetSpec ds = d.getValue();
      if (ds.enabled()) {
        String at = file + ": datasets." + d.getKey();
        var dataset = host.get(ExtensionKind.DATASET, ds.plugin(), at + ".id");
        Optional<TrainingSets.Maker> build =
            ds.build() == null
                ? Optional.empty()
                : Optional.of(TrainingSets.bind(ds.build(), host, at + ".build"));
        sets.add(
            new BoundData(
                d.getKey(), ds, Bound.data(dataset, ds.params(), at + ".params"), build, at));
      }
    }
    // Everything is bound: only now look at (and hash) the files.
    List<BoundRun> hashed = new ArrayList<>();
    for (BoundRun b : bound) {
      Optional<FeatureStage.Features> f =
          b.features().isEmpty()
              ? b.features()
              : Optional.of(inputs.model(b.features().get(), b.at() + ".features"));
      hashed.add(new BoundRun(b.name(), b.spec(), b.model(), b.pipeline(), f, b.at()));
    }
    List<PlannedRun> plan = new ArrayList<>();
    for (BoundData d : sets) {
      SortedMap<String, String> files = inputs.data(d.dataset(), d.at());
      Optional<TrainingSets.Maker> build = d.build();
      if (build.isPresent()) {
        build = Optional.of(withHashes(build.get(), inputs, d.at() + ".build"));
      }
      for (int n : d.spec().n()) {
        for (long seed : d.spec().drawSeeds()) {
          PlannedRun.Draw draw = new PlannedRun.Draw(d.name(), d.dataset(), n, seed, files, build);
          Map<String, List<PlannedRun.Trained>> byRun = new LinkedHashMap<>();
          for (BoundRun b : hashed) {
            String where =
                b.at() + (b.spec().paramsByN().containsKey(n) ? ".paramsByN." + n : ".params");
            Bound.Learner<?> model = b.model().rebind(b.spec().paramsFor(n), where);
            if (build.isPresent() && build.get().builder().softLabels()) {
              requireSoftLabels(d, build.get(), b, model, where);
            }
            if (b.spec().pseudoLabels() != null
                && b.spec().pseudoLabels().soft()
                && !model.softLabels()) {
              throw new ConfigException(
                  b.at()
                      + ".pseudoLabels.labels: soft, and model '"
                      + model.extension().id()
                      + "' cannot train on soft labels; use labels: hard, or a model that can "
                      + "(convnet, dc-convnet)");
            }
            List<PlannedRun.Trained> seeds = new ArrayList<>();
            for (long trainSeed : b.spec().trainSeeds()) {
              Optional<PlannedRun.Trained> teacher =
                  b.spec().pseudoLabels() == null
                      ? Optional.empty()
                      : teacherOf(byRun.get(b.spec().pseudoLabels().teacher()), trainSeed);
              seeds.add(
                  PlannedRun.Trained.of(
                      draw,
                      b.name(),
                      b.spec(),
                      model,
                      b.pipeline(),
                      b.features(),
                      trainSeed,
                      teacher));
            }
            byRun.put(b.name(), seeds);
            plan.addAll(seeds);
          }
          plan.addAll(ensembles(loaded, draw, byRun));
        }
      }
    }
    return plan;
  }

  /** The teacher run of training seed {@code seed}, or the teacher's only one. */
  private static Optional<PlannedRun.Trained> teacherOf(
      List<PlannedRun.Trained> teacher, long seed) {
    if (teacher.size() == 1) {
      return Optional.of(teacher.get(0));
    }
    return teacher.stream().filter(t -> t.seed() == seed).findFirst();
  }

  /** {@code m} and the builders it starts from, each feature model with its hash as on disk. */
  private static TrainingSets.Maker withHashes(TrainingSets.Maker m, InputFiles inputs, String at)
      throws IOException {
    TrainingSets.Maker out =
        m.features().isEmpty()
            ? m
            : m.withFeatures(inputs.model(m.features().get(), at + ".features"));
    return m.start().isEmpty()
        ? out
        : out.withStart(withHashes(m.start().get(), inputs, at + ".start"));
  }

  /** A run on a data set whose builder gives soft labels must be able to train on them. */
  private static void requireSoftLabels(
      BoundData d, TrainingSets.Maker build, BoundRun b, Bound.Learner<?> model, String where) {
    String source =
        "data set '"
            + d.name()
            + "' gives soft labels (its builder '"
            + build.builder().extension().id()
            + "' learns them: datasets."
            + d.name()
            + ".build.params)";
    if (!model.softLabels()) {
      throw new ConfigException(
          where
              + ": model '"
              + model.extension().id()
              + "' cannot train on soft labels, and "
              + source
              + "; use a model that can (convnet, dc-convnet) or hard labels in the build's params");
    }
    if (b.pipeline().expands()) {
      throw new ConfigException(
          b.at()
              + ".augment: copies made before training have no soft labels, and "
              + source
              + "; use onTheFly steps, which keep each image's labels");
    }
  }

  private static List<PlannedRun> ensembles(
      Loaded loaded, PlannedRun.Draw draw, Map<String, List<PlannedRun.Trained>> byRun) {
    List<PlannedRun> out = new ArrayList<>();
    for (Map.Entry<String, RunSpec> r : loaded.spec().runs().entrySet()) {
      RunSpec rs = r.getValue();
      if (!rs.enabled() || rs.ensemble() == null) {
        continue;
      }
      List<List<PlannedRun.Trained>> members = new ArrayList<>();
      for (String m : rs.ensemble().members()) {
        List<PlannedRun.Trained> runs = byRun.getOrDefault(m, List.of());
        if (runs.isEmpty()) {
          throw new ConfigException(
              loaded.file()
                  + ": runs."
                  + r.getKey()
                  + ".ensemble: member '"
                  + m
                  + "' has no runs to average (members "
                  + rs.ensemble().members()
                  + " must each be an enabled run of a model, not an ensemble)");
        }
        members.add(runs);
      }
      if (rs.ensemble().acrossSeeds()) {
        List<PlannedRun.Trained> all = members.stream().flatMap(List::stream).toList();
        out.add(PlannedRun.Ensemble.of(draw, r.getKey(), rs, OptionalLong.empty(), all));
        continue;
      }
      for (long seed : rs.trainSeeds()) {
        List<PlannedRun.Trained> atSeed =
            members.stream().flatMap(List::stream).filter(p -> p.seed() == seed).toList();
        if (atSeed.size() != members.size()) {
          throw new ConfigException(
              loaded.file()
                  + ": runs."
                  + r.getKey()
                  + ".ensemble: every member needs training seed "
                  + seed
                  + " (members "
                  + rs.ensemble().members()
                  + ", enabled, each with trainSeeds containing it), or set "
                  + "acrossSeeds: true");
        }
        out.add(PlannedRun.Ensemble.of(draw, r.getKey(), rs, OptionalLong.of(seed), atSeed));
      }
    }
    return out;
  }
}
