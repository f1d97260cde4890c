package org.rmnist.api;

import java.io.IOException;
import java.util.List;

/**
 * Executes an experiment's runs by starting workers: processes on this machine, tasks of a cluster
 * scheduler, pods. The host plans the runs, writes the experiment's folder and shows progress; a
 * worker ({@link LaunchContext#workerCommand()}) claims runs that are not done one at a time,
 * trains them and records them in that folder, until none is left. Workers cooperate through lock
 * files in the folder, so any number of them, started by any launchers, may share it; the launcher
 * only has to start the command somewhere that sees the folder and wait for it to end.
 *
 * @param <C> config record
 */
public interface Launcher<C extends Record> extends Component<C> {

  /**
   * Starts the workers and returns once every one of them has ended, with how each ended. Called
   * only when some run is not done yet.
   *
   * @throws IOException when the workers cannot be started (a missing or failing scheduler command:
   *     name it and give its error output)
   * @throws InterruptedException when the host is interrupted while waiting: stop the workers that
   *     can be stopped and rethrow
   */
  List<WorkerExit> launch(C config, LaunchContext context) throws IOException, InterruptedException;

  /**
   * What {@code --dry-run} shows besides the list of runs: the command or batch script that {@link
   * #launch} would run, with nothing started.
   */
  String describe(C config, LaunchContext context);
}
