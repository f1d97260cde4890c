package org.rmnist.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rmnist.api.DataContext;
import org.rmnist.api.Progress;
import org.rmnist.api.Splits;
import org.rmnist.api.UnlabelledImages;

/**
 * Trains the runs of a plan that are not done yet, one at a time, claiming each first ({@link
 * Claim}), so that any number of workers, in this process or others, on this machine or others
 * sharing the folder, can work on one experiment: none trains a run another holds, and a run whose
 * worker died is taken over. An ensemble waits until its members are done (or failed), a student
 * until its teacher is. A worker ends when every run is done or failed in this session; a run that
 * failed since the session began is not tried again until the next command. A run whose training
 * set another worker is building is put back, and the worker trains other runs meanwhile. Data sets
 * load once per worker (the last few are kept), not once per run. The worker's progress counts the
 * runs; each run's fit reports to a {@link Progress#subtask} of it named by the run's tag.
 */
final class Worker {
  private static final int CACHED_DRAWS = 3;

  private final DataContext data;
  private final ResultStore store;
  private final CodeIdentity code;
  private final RunExecution execution;
  private final Settings settings;
  private final PrintStream log;
  private final Progress progress;
  private final Map<String, Object> loaded = new LinkedHashMap<>(8, 0.75f, true);

  /** The last pool an unlabelled view was made from: data set name and draw seed, the pool. */
  private Map.Entry<String, UnlabelledImages> pool;

  private final Set<String> dataRecorded = new HashSet<>();

  /** The claim of the run being trained, whose heartbeat a timer renews; null between runs. */
  private volatile Claim current;

  private volatile FitStatus status;

  /** Draws whose training set was found being built by another worker (said once each). */
  private final Set<String> busyNoted = new HashSet<>();

  /** The hashes of the plan's teachers (runs whose predictions a student learns from). */
  private Set<String> teachers = Set.of();

  /** Whether the data loaded by the last {@link #work} had a test split (null: none loaded). */
  private Boolean testPresent;

  /**
   * How a worker works.
   *
   * @param name how claims and failures name it
   * @param sessionStart when the command that started it began (epoch ms): runs failed since then
   *     are not tried again
   * @param rerunStale whether finished runs made by other code train again
   * @param threads threads per run
   * @param logFile where its output goes, named in failures (null: the terminal)
   */
  record Settings(
      String name, long sessionStart, boolean rerunStale, int threads, String logFile) {}

  /** What one run needs now. */
  private enum State {
    DONE,
    STALE,
    FAILED,
    WAITING,
    TODO
  }

  Worker(
      DataContext data,
      ResultStore store,
      CodeIdentity code,
      String experiment,
      List<String> splits,
      Settings settings,
      PrintStream log,
      Progress progress) {
    this.data = data;
    this.store = store;
    this.code = code;
    this.execution = new RunExecution(store, experiment, splits, settings.threads());
    this.settings = settings;
    this.log = log;
    this.progress = progress;
  }

  /** Works on {@code plan} until nothing is left for this worker; returns how it went. */
  Runner.Batch work(List<PlannedRun> plan, String task) throws IOException {
    testPresent = null;
    teachers = teachers(plan);
    int skipped = 0;
    int ran = 0;
    List<String> failures = new ArrayList<>();
    List<Runner.Stale> stale = new ArrayList<>();
    Set<String> handled = new HashSet<>();
    ScheduledExecutorService beat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "claim-heartbeat");
              t.setDaemon(true);
              return t;
            });
    beat.scheduleWithFixedDelay(
        () -> {
          Claim c = current;
          FitStatus f = status;
          try {
            if (c != null) {
              c.beat(f == null ? Map.of() : f.snapshot());
            }
          } catch (IOException e) {
            log.println("warning: heartbeat: " + e.getMessage());
          }
        },
        Claim.HEARTBEAT_MILLIS,
        Claim.HEARTBEAT_MILLIS,
        TimeUnit.MILLISECONDS);
    progress.start(task, plan.size());
    try {
      while (true) {
        boolean trained = false;
        boolean waiting = false;
        for (int i = 0; i < plan.size(); i++) {
          PlannedRun run = plan.get(i);
          if (handled.contains(run.hash())) {
            continue;
          }
          String tag = run.tag(i, plan.size());
          State state = state(run, tag, stale);
          if (state == State.WAITING) {
            waiting = true;
            continue;
          }
          Optional<Claim> claim = Optional.empty();
          if (state == State.TODO) {
            claim = Claim.tryTake(store.runDir(run), Claim.owner(settings.name()));
            if (claim.isEmpty()) {
              waiting = true;
              continue;
            }
            state = state(run, tag, stale); // another worker may have finished it meanwhile
            if (state == State.WAITING) {
              claim.get().close();
              waiting = true;
              continue;
            }
          }
          try (Claim held = claim.orElse(null)) {
            handled.add(run.hash());
            if (state == State.DONE || state == State.STALE) {
              skipped++;
            } else if (state == State.FAILED) {
              failures.add(tag + ": failed: " + failureText(store.failure(run).orElseThrow()));
            } else {
              held.takenOver()
                  .ifPresent(
                      dead ->
                          log.printf(
                              "%s: taking over from %s (pid %s on %s), which stopped%n",
                              tag, dead.get("worker"), dead.get("pid"), dead.get("host")));
              status = null;
              current = held;
              String msg;
              try {
                msg = train(run, tag);
              } catch (TrainingSets.Busy busy) {
                // its set is being built by another worker: take other runs meanwhile
                handled.remove(run.hash());
                waiting = true;
                if (busyNoted.add(run.draw().key())) {
                  log.println(tag + ": " + busy.getMessage() + "; training other runs meanwhile");
                }
                continue;
              } finally {
                current = null;
              }
              trained = true;
              if (msg == null) {
                ran++;
              } else {
                failures.add(tag + ": failed: " + msg);
                log.println(tag + ": failed: " + msg);
                store.fail(run, msg, settings.name(), settings.logFile());
              }
            }
          }
          progress.advance(1);
        }
        if (!trained && !waiting) {
          break;
        }
        if (!trained) {
          Thread.sleep(1000); // the runs left are held by other workers, or wait for members
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for other workers");
    } finally {
      beat.shutdownNow();
      progress.done();
    }
    return new Runner.Batch(skipped, ran, failures, stale, testPresent);
  }

  /** What {@code run} needs now; a stale run kept is added to {@code stale} once. */
  private State state(PlannedRun run, String tag, List<Runner.Stale> stale) {
    var done = store.done(run);
    if (done.isPresent()) {
      if (membersNewer(run)) {
        log.println(
            tag
                + (run instanceof PlannedRun.Ensemble
                    ? ": a member ran again, so it is averaged again"
                    : ": its teacher ran again, so it learns from the new labels"));
        return State.TODO;
      }
      if (teachers.contains(run.hash()) && !store.taughtSaved(run)) {
        log.println(
            tag
                + ": finished before runs kept their predictions of the unlabelled images, which "
                + "its students need; training again");
        return State.TODO;
      }
      List<String> diff = code.differences(done.get().code(), run.plugins());
      if (diff.isEmpty()) {
        return State.DONE;
      }
      if (settings.rerunStale()) {
        log.println(tag + ": made by other code: " + String.join("; ", diff) + "; training again");
        return State.TODO;
      }
      if (stale.stream().noneMatch(s -> s.run().hash().equals(run.hash()))) {
        log.println(
            tag
                + ": made by other code: "
                + String.join("; ", diff)
                + "; kept (--rerun-stale trains it again)");
        stale.add(new Runner.Stale(run, diff));
      }
      return State.STALE;
    }
    if (failedThisSession(run)) {
      return State.FAILED;
    }
    for (PlannedRun m : inputs(run)) {
      if (store.done(m).isEmpty() && !failedThisSession(m)) {
        return State.WAITING;
      }
    }
    return State.TODO;
  }

  /** The hashes of the runs of {@code plan} that teach another. */
  static Set<String> teachers(List<PlannedRun> plan) {
    Set<String> out = new HashSet<>();
    for (PlannedRun run : plan) {
      if (run instanceof PlannedRun.Trained t) {
        t.teacher().ifPresent(teacher -> out.add(teacher.hash()));
      }
    }
    return out;
  }

  /** The runs whose results {@code run} uses: an ensemble's members, a student's teacher. */
  private static List<? extends PlannedRun> inputs(PlannedRun run) {
    if (run instanceof PlannedRun.Ensemble e) {
      return e.members();
    }
    return ((PlannedRun.Trained) run).teacher().stream().toList();
  }

  /** Whether {@code run} is finished and a run whose results it uses finished after it. */
  private boolean membersNewer(PlannedRun run) {
    long at = store.doneAt(run);
    return inputs(run).stream().anyMatch(m -> store.doneAt(m) > at);
  }

  private boolean failedThisSession(PlannedRun run) {
    return store.failedSince(run, settings.sessionStart()).isPresent();
  }

  static String failureText(ResultStore.Failure f) {
    return f.message()
        + " (worker "
        + f.worker()
        + (f.log() == null || f.log().equals("null") ? "" : ", log " + f.log())
        + ")";
  }

  /** The run's unlabelled view, or null when it asks for none. */
  private UnlabelledImages unlabelled(PlannedRun run, Splits splits) throws IOException {
    if (!(run instanceof PlannedRun.Trained t) || t.spec().unlabelled() == null) {
      return null;
    }
    String name = run.draw().name() + "/" + run.draw().seed();
    if (pool == null || !pool.getKey().equals(name)) {
      pool = Map.entry(name, UnlabelledView.pool(run.draw(), data));
    }
    return UnlabelledView.select(
        pool.getValue(),
        t.spec().unlabelled(),
        splits,
        run.draw().seed(),
        "runs." + t.runName() + ".unlabelled");
  }

  /**
   * Loads the run's data (cached) and trains it; returns why it failed, or null. Throws {@link
   * TrainingSets.Busy}, having done nothing, when another worker is building its training set.
   */
  private String train(PlannedRun run, String tag) throws TrainingSets.Busy {
    String key = run.draw().key();
    Object splits = loaded.get(key);
    Path cache = store.dir().getParent().resolve(".cache");
    if (splits == null && run.draw().build().isPresent()) {
      Optional<TrainingSets.Busy> busy;
      try {
        busy = TrainingSets.busy(run.draw(), run.draw().build().get(), cache);
      } catch (IOException e) {
        busy = Optional.empty(); // the load below meets it again and reports it
      }
      if (busy.isPresent()) {
        throw busy.get(); // before the run's progress line: asked again every second
      }
    }
    FitStatus part = new FitStatus(progress.subtask(tag));
    status = part;
    if (splits == null) {
      try {
        Splits s = RunExecution.load(run.draw(), data, cache, settings.threads(), part, false);
        splits = s;
        if (dataRecorded.add(key)) {
          Provenance.addData(store.dir(), key, s.provenance());
        }
      } catch (TrainingSets.Busy e) {
        throw e; // not a failure: nothing is cached, the caller asks again later
      } catch (IOException | RuntimeException e) {
        splits = Runner.message(e);
      }
      loaded.put(key, splits);
      if (loaded.size() > CACHED_DRAWS) {
        loaded.remove(loaded.keySet().iterator().next());
      }
    }
    if (splits instanceof String failure) {
      return failure;
    }
    Splits s = (Splits) splits;
    testPresent = s.test().isPresent();
    try {
      RunExecution.Result result = execution.execute(run, s, unlabelled(run, s), part);
      store.finish(run, result, code.of(run.plugins()));
      for (Map<String, Object> row : result.rows()) {
        log.printf(
            "%s: %s %.2f%% (%.1f s)%n",
            tag,
            row.get("split"),
            ((Double) row.get("accuracy")) * 100,
            (Double) row.get("seconds"));
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return Runner.message(e);
    } catch (Error e) {
      // an Error outside the guarded calls into extensions
      return PluginFailure.of(e, "run " + run.runName()).getMessage();
    }
  }
}
