package org.rmnist.host.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rmnist.api.Seed;
import org.rmnist.host.config.ExperimentLoader.Loaded;
import org.rmnist.host.config.ExperimentSpec;
import org.rmnist.host.config.Params;
import org.rmnist.host.config.RunSpec;
import org.rmnist.host.config.SearchSpec;
import org.rmnist.host.config.SearchSpec.ParamRange;
import org.rmnist.host.util.Json;
import org.rmnist.support.AtomicFiles;

/**
 * Random search or simulated annealing over one run's parameters. Every candidate is an ordinary
 * run (same folders, same resume), scored by its mean validation accuracy; the test split is never
 * looked at while choosing, and is reported once for the chosen candidate.
 */
final class Search {
  private final Runs runs;
  private final Loaded loaded;
  private final ResultStore store;
  private final SearchSpec spec;
  private final SplittableRandom random;
  private final RunSpec base;
  private final Map<String, Object> initial;

  /** A model's id and its parameters with every default filled in. */
  record Model(String id, Map<String, Object> params) {}

  /** What a search needs of the runner. */
  interface Runs {
    /** Binds the searched run's model and parameters ({@code where}: its YAML path). */
    Model model(RunSpec base, String where);

    /** Plans one candidate's runs. */
    List<PlannedRun> plan(Loaded candidate) throws IOException;

    /** Runs those of {@code plan} that are not finished, appending their results. */
    Runner.Batch execute(List<PlannedRun> plan) throws IOException;
  }

  /**
   * Binds the searched run and checks that every key of the space is one of its parameters, so a
   * bad search fails before anything is written.
   */
  Search(Runs runs, Loaded loaded, ResultStore store) {
    this.runs = runs;
    this.loaded = loaded;
    this.store = store;
    this.spec = loaded.spec().search();
    this.random = new Seed(spec.seed()).derive("search").random();
    this.base = loaded.spec().runs().get(spec.run());
    this.initial = initial();
  }

  private record Step(
      int step,
      Map<String, Object> params,
      double score,
      boolean accepted,
      List<PlannedRun> runs) {}

  /** The searched parameters' values in the run's own config. */
  private Map<String, Object> initial() {

    Model model = runs.model(base, loaded.file() + ": runs." + spec.run());
    Map<String, Object> full = model.params();
    Map<String, Object> current = new LinkedHashMap<>();
    for (String key : spec.space().keySet()) {
      if (!Params.has(full, key) || Params.get(full, key) instanceof Map) {
        throw new org.rmnist.host.ConfigException(
            loaded.file()
                + ": search.space."
                + key
                + ": not a parameter of '"
                + model.id()
                + "'; parameters: "
                + String.join(", ", Params.paths(full)));
      }
      current.put(key, Params.get(full, key));
    }
    return current;
  }

  Runner.Outcome run() throws IOException {
    Map<String, Object> current = initial;
    List<Step> steps = new ArrayList<>();
    List<PlannedRun> listed = new ArrayList<>();
    int ran = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    double currentScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < spec.steps(); k++) {
      Map<String, Object> candidate = k == 0 ? current : propose(current);
      Loaded one = candidate(base, candidate);
      List<PlannedRun> plan = runs.plan(one);
      for (PlannedRun p : plan) {
        if (listed.stream().noneMatch(q -> q.dirName().equals(p.dirName()))) {
          listed.add(p); // a candidate met again is listed once
        }
      }
      Runner.Batch c = runs.execute(plan);
      ran += c.ran();
      skipped += c.skipped();
      failures.addAll(c.failures());
      c.stale().forEach(st -> stale.add(st.toString()));
      double score = mean(plan, "validation");
      double t = spec.temperature() * (1 - (double) k / spec.steps());
      double gain = (score - currentScore) * 100;
      boolean accept =
          "random".equals(spec.method())
              ? score > currentScore
              : gain >= 0 || (t > 0 && random.nextDouble() < Math.exp(gain / t));
      if (accept) {
        current = candidate;
        currentScore = score;
      }
      steps.add(new Step(k, candidate, score, accept, plan));
      writeLog(steps);
    }
    Step best =
        steps.stream()
            .filter(s -> !Double.isNaN(s.score()))
            .max(java.util.Comparator.comparingDouble(Step::score))
            .orElse(steps.get(0));
    store.rewriteResults(listed);
    String summary = summary(steps, best);
    AtomicFiles.writeString(store.dir().resolve("summary.md"), summary);
    return new Runner.Outcome(store.dir(), listed.size(), skipped, ran, failures, summary, stale);
  }

  private Loaded candidate(RunSpec base, Map<String, Object> params) {
    Map<String, Object> merged = new LinkedHashMap<>(base.params());
    for (Map.Entry<String, Object> e : params.entrySet()) {
      merged = Params.with(merged, e.getKey(), e.getValue());
    }
    RunSpec rs =
        new RunSpec(
            base.model(),
            merged,
            base.paramsByN(),
            base.trainSeeds(),
            base.augment(),
            base.onTheFly(),
            base.features(),
            null,
            base.reference(),
            true,
            base.label(),
            false,
            base.unlabelled(),
            null);
    LinkedHashMap<String, RunSpec> runs = new LinkedHashMap<>();
    runs.put(spec.run() + ".search", rs);
    ExperimentSpec s = loaded.spec();
    return new Loaded(
        loaded.file(),
        loaded.yaml(),
        loaded.overrides(),
        loaded.resolved(),
        new ExperimentSpec(
            s.name(), s.description(), s.datasets(), runs, s.splits(), null, s.launch()));
  }

  private Map<String, Object> propose(Map<String, Object> from) {
    Map<String, Object> next = new LinkedHashMap<>(from);
    List<String> keys = new ArrayList<>(spec.space().keySet());
    if ("random".equals(spec.method())) {
      for (String key : keys) {
        next.put(key, draw(spec.space().get(key)));
      }
      return next;
    }
    String key = keys.get(random.nextInt(keys.size()));
    ParamRange r = spec.space().get(key);
    Object value = from.get(key);
    if (r.categorical()) {
      List<Object> others = new ArrayList<>(r.values());
      others.removeIf(v -> Json.line(v).equals(Json.line(value)));
      next.put(key, others.get(random.nextInt(others.size())));
      return next;
    }
    double v = ((Number) value).doubleValue();
    boolean up = random.nextBoolean();
    Object moved = move(r, v, up);
    if (((Number) moved).doubleValue() == ((Number) number(r, v)).doubleValue()) {
      moved = move(r, v, !up); // at a bound: go the other way rather than stand still
    }
    next.put(key, moved);
    return next;
  }

  private static Object move(ParamRange r, double v, boolean up) {
    double moved =
        "log".equals(r.scale()) || v != 0
            ? (up ? v * r.factor() : v / r.factor())
            : (up ? 1 : -1) * (r.max() - r.min()) / 10;
    return number(r, Math.max(r.min(), Math.min(r.max(), moved)));
  }

  private Object draw(ParamRange r) {
    if (r.categorical()) {
      return r.values().get(random.nextInt(r.values().size()));
    }
    double u = random.nextDouble();
    double v =
        "log".equals(r.scale())
            ? Math.exp(Math.log(r.min()) + u * (Math.log(r.max()) - Math.log(r.min())))
            : r.min() + u * (r.max() - r.min());
    return number(r, v);
  }

  private static Object number(ParamRange r, double v) {
    return r.integer() ? (Object) Math.round(v) : (Object) v;
  }

  private double mean(List<PlannedRun> plan, String split) throws IOException {
    double sum = 0;
    int count = 0;
    for (PlannedRun p : plan) {
      if (!store.isDone(p)) {
        continue;
      }
      for (Map<String, Object> row : store.rows(p)) {
        if (split.equals(row.get("split"))) {
          sum += ((Number) row.get("accuracy")).doubleValue();
          count++;
        }
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private void writeLog(List<Step> steps) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Step s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", s.step());
      m.put("params", s.params());
      m.put("validation", s.score());
      m.put("accepted", s.accepted());
      sb.append(Json.line(m)).append('\n');
    }
    AtomicFiles.writeString(store.dir().resolve("search.jsonl"), sb.toString());
  }

  private String summary(List<Step> steps, Step best) throws IOException {
    StringBuilder sb =
        new StringBuilder("# ")
            .append(loaded.spec().name())
            .append(": ")
            .append(spec.method())
            .append(" search over run ")
            .append(spec.run())
            .append("\n\n");
    sb.append("| step | params | validation % | accepted |\n|---|---|---|---|\n");
    for (Step s : steps) {
      sb.append(
          String.format(
              "| %d | %s | %.2f | %s |%n",
              s.step(), Json.line(s.params()), s.score() * 100, s.accepted() ? "yes" : ""));
    }
    sb.append(
        String.format(
            "%nChosen on validation: step %d, %s, %.2f%% (mean over %d runs).%n",
            best.step(), Json.line(best.params()), best.score() * 100, best.runs().size()));
    double test = mean(best.runs(), "test");
    sb.append(
        Double.isNaN(test)
            ? "Test set: absent, so the choice is not reported on test.\n"
            : String.format(
                "Test accuracy of the chosen configuration (reported once, not used to "
                    + "choose): %.2f%%.%n",
                test * 100));
    return sb.toString();
  }
}
