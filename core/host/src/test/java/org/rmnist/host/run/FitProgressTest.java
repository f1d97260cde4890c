package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.Progress;
import org.rmnist.host.HostFixtures;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.plugin.PluginHost;

/** Each run's fit reports to its own part of the experiment's progress, named by the run. */
class FitProgressTest {
  @TempDir Path tmp;

  /** Records what it is told, and what each subtask is told, as text. */
  static final class Recording implements Progress {
    final List<String> calls;
    final String prefix;

    Recording(List<String> calls, String prefix) {
      this.calls = calls;
      this.prefix = prefix;
    }

    @Override
    public void start(String task, long total) {
      calls.add(prefix + "start " + task + " " + total);
    }

    @Override
    public void advance(long steps) {
      calls.add(prefix + "advance " + steps);
    }

    @Override
    public void done() {
      calls.add(prefix + "done");
    }

    @Override
    public void report(String measure, double value) {
      calls.add(prefix + measure + " " + value);
    }

    @Override
    public Progress subtask(String name) {
      calls.add(prefix + "subtask " + name);
      return new Recording(calls, "  ");
    }
  }

  @Test
  void eachTrainedRunsFitReportsToASubtaskNamedByTheRun() throws IOException {
    Path plugins = tmp.resolve("plugins");
    HostFixtures.data(plugins);
    HostFixtures.model(
        plugins,
        "boolean changed = false;",
        "ctx.progress().start(\"epochs\", 2); ctx.progress().report(\"loss\", 0.5);"
            + " ctx.progress().advance(2); ctx.progress().done();"
            + " boolean changed = false;");
    Path f = tmp.resolve("demo.yaml");
    Files.writeString(
        f,
        """
        name: demo
        datasets:
          syn: {id: synthetic, n: [1, 5]}
        runs:
          a: {id: centroid}
        """);
    List<String> calls = new ArrayList<>();
    try (PluginHost host = PluginHost.open(List.of(plugins))) {
      PrintStream log = new PrintStream(new ByteArrayOutputStream());
      Runner runner =
          new Runner(host, new HostDataContext(null, Progress.NONE), new Recording(calls, ""), log);
      runner.run(ExperimentLoader.load(f, List.of()), tmp.resolve("results"));
      List<String> fit =
          List.of("  start epochs 2", "  loss 0.5", "  advance 2", "  done", "advance 1");
      List<String> expected = new ArrayList<>(List.of("start demo 2"));
      expected.add("subtask [1/2] a syn n=1 draw=0 seed=0");
      expected.addAll(fit);
      expected.add("subtask [2/2] a syn n=5 draw=0 seed=0");
      expected.addAll(fit);
      expected.add("done");
      assertEquals(expected, calls);
      calls.clear();
      runner.run(ExperimentLoader.load(f, List.of()), tmp.resolve("results"));
      assertEquals(
          List.of("start demo 2", "advance 1", "advance 1", "done"),
          calls,
          "finished runs are skipped: no fit, no subtask");
    }
  }
}
