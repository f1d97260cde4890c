package org.rmnist.host.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rmnist.host.ConfigException;

/** Checks on a bound experiment that the binding alone cannot make; every error names the key. */
final class SpecChecks {
  /** Distorted copies per image at most (the expanded set must still fit in memory). */
  static final int MAX_COPIES = 100_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private SpecChecks() {}

  static void validate(ExperimentSpec spec, Path file) {
    if (spec.search() != null) {
      validateSearch(spec, file);
    }
    if (!NAME.matcher(spec.name()).matches()) {
      throw new ConfigException(
          file
              + ": name: '"
              + spec.name()
              + "' is not a valid experiment name; use lower-case letters, digits, '.', '_' and '-'");
    }
    if (spec.datasets().isEmpty()) {
      throw new ConfigException(file + ": datasets: at least one data set is needed");
    }
    if (spec.runs().isEmpty()) {
      throw new ConfigException(file + ": runs: at least one run is needed");
    }
    LaunchSpec launch = spec.launch();
    if (launch.jobs() < 0 || launch.jobs() > 100_000) {
      throw new ConfigException(
          file
              + ": launch.jobs: "
              + launch.jobs()
              + " is out of range; expected 0 (the launcher "
              + "chooses) to 100000 workers");
    }
    if (launch.threads() < 1 || launch.threads() > 1024) {
      throw new ConfigException(
          file
              + ": launch.threads: "
              + launch.threads()
              + " is out of range; expected 1 to 1024 "
              + "threads per run");
    }
    unique(spec.splits(), file + ": splits");
    for (String s : spec.splits()) {
      if (!ExperimentSpec.SPLITS.contains(s)) {
        throw new ConfigException(
            file
                + ": splits: unknown split '"
                + s
                + "'; allowed: "
                + String.join(", ", ExperimentSpec.SPLITS));
      }
    }
    spec.datasets()
        .forEach(
            (name, d) -> {
              String at = file + ": datasets." + name;
              checkName(name, at);
              if (d.plugin() == null) {
                throw new ConfigException(
                    at + ".id: missing; name a dataset extension (see " + "`rmnist plugins`)");
              }
              unique(d.n(), at + ".n");
              unique(d.drawSeeds(), at + ".drawSeeds");
              if (d.n().isEmpty()) {
                throw new ConfigException(
                    at + ".n: missing; give images per class, e.g. [1, 5, 10]");
              }
              for (int n : d.n()) {
                if (n < 0) {
                  throw new ConfigException(
                      at + ".n: " + n + " is negative; use N >= 1, or 0 for the " + "whole pool");
                }
              }
              if (d.build() != null) {
                String where = at + ".build";
                for (BuildSpec b = d.build(); b != null; b = b.start(), where += ".start") {
                  if (b.id() == null) {
                    throw new ConfigException(
                        where
                            + ".id: missing; name a training set builder (see "
                            + "`rmnist plugins`)");
                  }
                }
                for (int n : d.n()) {
                  if (n < 1) {
                    throw new ConfigException(
                        at
                            + ".n: "
                            + n
                            + " with build: a builder makes N >= 1 images per class (0 would "
                            + "be the whole pool, which needs no builder)");
                  }
                }
              }
            });
    spec.runs()
        .forEach(
            (name, r) -> {
              String at = file + ": runs." + name;
              checkName(name, at);
              unique(r.trainSeeds(), at + ".trainSeeds");
              if (r.unlabelled() != null) {
                checkUnlabelled(r.unlabelled(), at + ".unlabelled");
              }
              if (r.pseudoLabels() != null) {
                checkPseudoLabels(spec, name, r, at + ".pseudoLabels");
              }
              if (r.ensemble() != null) {
                if (r.model() != null) {
                  throw new ConfigException(
                      at
                          + ": has both id and ensemble; a run trains a model or "
                          + "averages others, not both");
                }
                if (r.ensemble().members().isEmpty()) {
                  throw new ConfigException(
                      at + ".ensemble.members: name at least one run to average");
                }
                for (String m : r.ensemble().members()) {
                  RunSpec member = spec.runs().get(m);
                  if (member == null || member.ensemble() != null) {
                    throw new ConfigException(
                        at
                            + ".ensemble.members: '"
                            + m
                            + "' is not a model run of "
                            + "this experiment; model runs: "
                            + String.join(
                                ", ",
                                spec.runs().entrySet().stream()
                                    .filter(e -> e.getValue().ensemble() == null)
                                    .map(e -> e.getKey())
                                    .toList()));
                  }
                }
                return;
              }
              if (r.model() == null) {
                throw new ConfigException(
                    at + ".id: missing; name a model extension (see " + "`rmnist plugins`)");
              }
              if (r.augment() != null) {
                if (!AugmentSpec.MODES.contains(r.augment().mode())) {
                  throw new ConfigException(
                      at
                          + ".augment.mode: unknown mode '"
                          + r.augment().mode()
                          + "'; allowed: "
                          + String.join(", ", AugmentSpec.MODES));
                }
                if (r.augment().copies() < 0 || r.augment().copies() > MAX_COPIES) {
                  throw new ConfigException(
                      at
                          + ".augment.copies: "
                          + r.augment().copies()
                          + " is out of range; expected 0.."
                          + MAX_COPIES);
                }
                checkSteps(r.augment().steps(), at + ".augment.steps.");
              }
              checkSteps(r.onTheFly(), at + ".onTheFly.");
            });
  }

  private static void validateSearch(ExperimentSpec spec, Path file) {
    SearchSpec s = spec.search();
    String at = file + ": search";
    RunSpec run = s.run() == null ? null : spec.runs().get(s.run());
    if (run == null || run.ensemble() != null) {
      throw new ConfigException(
          at
              + ".run: '"
              + s.run()
              + "' is not a model run; model runs: "
              + String.join(
                  ", ",
                  spec.runs().entrySet().stream()
                      .filter(e -> e.getValue().ensemble() == null)
                      .map(Map.Entry::getKey)
                      .toList()));
    }
    if (run.pseudoLabels() != null) {
      throw new ConfigException(
          at
              + ".run: '"
              + s.run()
              + "' learns from a teacher's labels (pseudoLabels), and a search tries a run alone; "
              + "search the teacher, or a run without pseudoLabels");
    }
    if (!SearchSpec.METHODS.contains(s.method())) {
      throw new ConfigException(
          at
              + ".method: unknown method '"
              + s.method()
              + "'; allowed: "
              + String.join(", ", SearchSpec.METHODS));
    }
    if (s.steps() < 1) {
      throw new ConfigException(at + ".steps: " + s.steps() + " must be >= 1");
    }
    if (s.space().isEmpty()) {
      throw new ConfigException(at + ".space: name at least one parameter to search");
    }
    s.space()
        .forEach(
            (name, r) -> {
              String p = at + ".space." + name;
              if (r.categorical()) {
                if (r.values().size() < 2) {
                  throw new ConfigException(p + ".values: give at least two values");
                }
                return;
              }
              if (r.min() == null || r.max() == null || !(r.min() < r.max())) {
                throw new ConfigException(p + ": needs min < max (or a list of values)");
              }
              if (!List.of("log", "linear").contains(r.scale())) {
                throw new ConfigException(
                    p + ".scale: unknown scale '" + r.scale() + "'; allowed: log, " + "linear");
              }
              if ("log".equals(r.scale()) && r.min() <= 0) {
                throw new ConfigException(p + ".min: a log scale needs min > 0, got " + r.min());
              }
              if (!(r.factor() > 1)) {
                throw new ConfigException(p + ".factor: must be > 1, got " + r.factor());
              }
            });
  }

  private static void checkSteps(List<StepSpec> steps, String at) {
    for (int i = 0; i < steps.size(); i++) {
      StepSpec s = steps.get(i);
      if (s.id() == null) {
        throw new ConfigException(at + i + ".id: missing");
      }
      if (s.p() < 0 || s.p() > 1) {
        throw new ConfigException(at + i + ".p: " + s.p() + " is not a probability in [0, 1]");
      }
    }
  }

  private static void checkName(String name, String at) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(
          at
              + ": '"
              + name
              + "' is not a valid name; use lower-case "
              + "letters, digits, '.', '_' and '-'");
    }
  }

  /** Throws for a value given twice in a list whose values must differ. */
  private static void unique(List<?> values, String at) {
    Set<Object> seen = new HashSet<>();
    for (Object v : values) {
      if (!seen.add(v)) {
        throw new ConfigException(
            at
                + ": "
                + v
                + " is given twice; each value once (a repeated "
                + "seed or size would only repeat the same result)");
      }
    }
  }

  /**
   * A student's teacher: a model run above it (so teachers never form a cycle) that has an
   * unlabelled view and every training seed of the student, or just one seed (which teaches them
   * all); the student has a view to label.
   */
  private static void checkPseudoLabels(ExperimentSpec spec, String name, RunSpec r, String at) {
    PseudoLabelSpec p = r.pseudoLabels();
    if (r.ensemble() != null) {
      throw new ConfigException(
          at + ": an ensemble trains nothing, so it cannot learn from a teacher's labels");
    }
    List<String> above = new ArrayList<>();
    for (Map.Entry<String, RunSpec> e : spec.runs().entrySet()) {
      if (e.getKey().equals(name)) {
        break;
      }
      if (e.getValue().ensemble() == null) {
        above.add(e.getKey());
      }
    }
    RunSpec teacher = p.teacher() == null ? null : spec.runs().get(p.teacher());
    if (teacher == null || !above.contains(p.teacher())) {
      throw new ConfigException(
          at
              + ".teacher: "
              + (p.teacher() == null ? "missing" : "'" + p.teacher() + "' is not a model run")
              + "; name a model run defined above this one in the file"
              + (above.isEmpty() ? " (there is none)" : " (" + String.join(", ", above) + ")"));
    }
    if (r.enabled() && !teacher.enabled()) {
      throw new ConfigException(
          at + ".teacher: run '" + p.teacher() + "' is disabled (enabled: false); enable it");
    }
    if (teacher.unlabelled() == null) {
      throw new ConfigException(
          at
              + ".teacher: run '"
              + p.teacher()
              + "' has no unlabelled view to predict; give it `unlabelled: pool`");
    }
    if (r.unlabelled() == null) {
      throw new ConfigException(
          at
              + ": the teacher labels this run's unlabelled images, and it has none; add "
              + "`unlabelled: pool` to the run");
    }
    for (long seed : r.trainSeeds()) {
      if (teacher.trainSeeds().size() > 1 && !teacher.trainSeeds().contains(seed)) {
        throw new ConfigException(
            at
                + ".teacher: run '"
                + p.teacher()
                + "' has no training seed "
                + seed
                + " (its trainSeeds: "
                + teacher.trainSeeds()
                + "); each training seed learns from the teacher of the same seed, or from "
                + "the teacher's only one");
      }
    }
    if (!(p.threshold() >= 0 && p.threshold() < 1)) {
      throw new ConfigException(
          at + ".threshold: " + p.threshold() + " is out of range; expected [0, 1)");
    }
    if (!(p.share() > 0 && p.share() <= 1)) {
      throw new ConfigException(at + ".share: " + p.share() + " is out of range; expected (0, 1]");
    }
    if (!PseudoLabelSpec.LABELS.contains(p.labels())) {
      throw new ConfigException(
          at
              + ".labels: unknown kind '"
              + p.labels()
              + "'; allowed: "
              + String.join(", ", PseudoLabelSpec.LABELS));
    }
  }

  private static void checkUnlabelled(UnlabelledSpec u, String at) {
    if (!UnlabelledSpec.POOL.equals(u.from())) {
      throw new ConfigException(
          at
              + ".from: '"
              + u.from()
              + "' is not allowed: the unlabelled view holds images of the data set's training "
              + "pool only, never validation or test images (allowed: pool)");
    }
    if (u.range() != null) {
      if (u.range().size() != 2
          || u.range().get(0) == null
          || u.range().get(1) == null
          || u.range().get(0) < 0
          || u.range().get(0) >= u.range().get(1)) {
        throw new ConfigException(
            at
                + ".range: "
                + u.range()
                + " is not a range of source indices; expected [from, to) with 0 <= from < to, "
                + "e.g. [0, 50000]");
      }
    }
    if (u.size() != null && u.size() < 1) {
      throw new ConfigException(
          at + ".size: " + u.size() + "; expected a number of images >= 1, or leave it out");
    }
  }
}
