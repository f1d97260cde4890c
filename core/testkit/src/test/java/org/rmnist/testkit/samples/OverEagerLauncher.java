package org.rmnist.testkit.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;
import org.rmnist.api.Doc;
import org.rmnist.api.LaunchContext;
import org.rmnist.api.Launcher;
import org.rmnist.api.WorkerExit;

/**
 * Broken on purpose, for the launcher contract's own test: starts one worker more than asked for,
 * reports every worker as successful whatever its exit code, and starts a worker in describe().
 */
@Extension
public final class OverEagerLauncher implements Launcher<OverEagerLauncher.Config> {

  /** Config. */
  public record Config(@Doc("unused; 0..10") int unused) {
    public Config {
      if (unused < 0 || unused > 10) {
        throw new IllegalArgumentException("unused: must be in [0, 10], got " + unused);
      }
    }
  }

  @Override
  public String id() {
    return "over-eager";
  }

  @Override
  public String summary() {
    return "starts too many workers and hides their exit codes";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(0);
  }

  @Override
  public List<WorkerExit> launch(Config config, LaunchContext ctx)
      throws IOException, InterruptedException {
    List<WorkerExit> exits = new ArrayList<>();
    for (int i = 0; i <= ctx.jobs(); i++) {
      new ProcessBuilder(ctx.workerCommand()).start().waitFor();
      exits.add(new WorkerExit("worker " + i, LaunchContext.EXIT_OK, null));
    }
    return exits;
  }

  @Override
  public String describe(Config config, LaunchContext ctx) {
    try {
      new ProcessBuilder(ctx.workerCommand()).start().waitFor();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return "over-eager";
  }
}
