package org.rmnist.host.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmnist.api.Predictions;
import org.rmnist.host.util.Json;
import org.rmnist.support.AtomicFiles;

/**
 * An experiment's folder. Each run writes {@code runs/<dir>/} (config, metrics, confusion matrices)
 * and {@code done.json} last; a run is finished exactly when its {@code done.json} exists and
 * parses, so a killed experiment resumes where it stopped. Each finished run appends its rows to
 * {@code results.jsonl}; the file is rewritten from the finished runs, atomically, once at the
 * start and once at the end of an experiment. Several workers may share the folder: recording a run
 * (done.json and its rows) and rewriting results.jsonl each hold the folder's lock, so the file
 * lists every finished run once. A run that failed leaves {@code failed.json} (why, when, which
 * worker), removed when it finishes.
 */
final class ResultStore {
  private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};
  private static final String DONE = "done.json";
  private static final String FAILED = "failed.json";
  private static final String UNLABELLED_SOURCES = "unlabelled-sources.i32";
  private final Path dir;
  private final PrintStream log;
  private final Set<Path> warned = new HashSet<>();

  /** What a finished run recorded in {@code done.json}. */
  record Done(String hash, List<Map<String, Object>> rows, Map<?, ?> code) {}

  /** Why a run failed, when (epoch milliseconds), and in which worker (with its log, if any). */
  record Failure(String message, long at, String worker, String log) {}

  ResultStore(Path dir, PrintStream log) {
    this.dir = dir;
    this.log = log;
  }

  Path dir() {
    return dir;
  }

  Path runDir(PlannedRun run) {
    return dir.resolve("runs").resolve(run.dirName());
  }

  boolean isDone(PlannedRun run) {
    return done(run).isPresent();
  }

  /**
   * The run's {@code done.json}, when it is there and whole; an empty or partial one (a write
   * killed on a file system without atomic renames, a disk that filled up) is named in a warning
   * and the run counts as not done.
   */
  Optional<Done> done(PlannedRun run) {
    Path file = runDir(run).resolve(DONE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> d = Json.MAPPER.readValue(file.toFile(), new TypeReference<>() {});
      if (d == null || !(d.get("rows") instanceof List<?>) || !run.hash().equals(d.get("hash"))) {
        throw new IOException("no rows, or not this run's hash");
      }
      Map<?, ?> code = d.get("code") instanceof Map<?, ?> m ? m : null;
      return Optional.of(new Done(run.hash(), Json.MAPPER.convertValue(d.get("rows"), ROWS), code));
    } catch (IOException | IllegalArgumentException e) {
      if (warned.add(file)) {
        String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        log.println(
            "warning: "
                + file
                + " is empty or partial ("
                + why
                + "); its run is not done and runs again");
      }
      return Optional.empty();
    }
  }

  /** The result rows a finished run recorded (one per evaluated split). */
  List<Map<String, Object>> rows(PlannedRun run) throws IOException {
    return done(run)
        .orElseThrow(
            () ->
                new NoSuchFileException(
                    runDir(run).resolve(DONE).toString(),
                    null,
                    "run " + run.runName() + " has not finished"))
        .rows();
  }

  /**
   * Records a finished run; {@code done.json} is written last, replacing (atomically) the one of an
   * earlier result, which stays until then.
   */
  void finish(PlannedRun run, RunExecution.Result result, Map<String, Object> code)
      throws IOException {
    Path rd = runDir(run);
    Files.createDirectories(rd);
    for (Map.Entry<String, Predictions> e : result.predictions().entrySet()) {
      Predictions p = e.getValue();
      ByteBuffer b =
          ByteBuffer.allocate(8 + 4 * p.probabilities().length).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(p.size()).putInt(p.classes());
      b.asFloatBuffer().put(p.probabilities());
      AtomicFiles.write(rd.resolve("predictions-" + e.getKey() + ".f32"), b.array());
    }
    if (result.unlabelledSources() != null) {
      ByteBuffer b =
          ByteBuffer.allocate(4 + 4 * result.unlabelledSources().length)
              .order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(result.unlabelledSources().length);
      b.asIntBuffer().put(result.unlabelledSources());
      AtomicFiles.write(rd.resolve(UNLABELLED_SOURCES), b.array());
    }
    Json.write(rd.resolve("config.json"), result.config());
    Json.write(rd.resolve("metrics.json"), result.metrics());
    for (Map.Entry<String, int[][]> e : result.confusion().entrySet()) {
      AtomicFiles.writeString(rd.resolve("confusion-" + e.getKey() + ".csv"), csv(e.getValue()));
    }
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("hash", run.hash());
    done.put("rows", result.rows());
    done.put("code", code);
    FolderLock.with(
        dir,
        () -> {
          Json.write(rd.resolve(DONE), done);
          append(run, result.rows());
          Files.deleteIfExists(rd.resolve(FAILED));
          return null;
        });
  }

  /** Records that {@code run} failed; a later invocation tries it again. */
  void fail(PlannedRun run, String message, String worker, String log) throws IOException {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("hash", run.hash());
    f.put("message", message);
    f.put("at", System.currentTimeMillis());
    f.put("worker", worker);
    f.put("log", log);
    Path rd = runDir(run);
    Files.createDirectories(rd);
    Json.write(rd.resolve(FAILED), f);
  }

  /** The failure {@code run} last recorded, if it has not finished since. */
  Optional<Failure> failure(PlannedRun run) {
    try {
      Map<?, ?> f = Json.MAPPER.readValue(runDir(run).resolve(FAILED).toFile(), Map.class);
      if (f == null || !run.hash().equals(f.get("hash")) || !(f.get("at") instanceof Number at)) {
        return Optional.empty();
      }
      return Optional.of(
          new Failure(
              String.valueOf(f.get("message")),
              at.longValue(),
              String.valueOf(f.get("worker")),
              f.get("log") == null ? null : f.get("log").toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The failure {@code run} recorded at or after {@code since} (epoch ms), unless it finished. */
  Optional<Failure> failedSince(PlannedRun run, long since) {
    return failure(run).filter(f -> f.at() >= since);
  }

  /** Whether {@code run} finished at or after {@code since} (epoch ms). */
  boolean doneSince(PlannedRun run, long since) {
    return doneAt(run) >= since && doneAt(run) > 0;
  }

  /** When {@code run}'s done.json was written (epoch milliseconds), or 0 when it is not done. */
  long doneAt(PlannedRun run) {
    try {
      return Files.getLastModifiedTime(runDir(run).resolve(DONE)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The class probabilities a finished run saved for a split: {@code predictions-<split>.f32},
   * little-endian int rows, int classes, then rows × classes floats.
   */
  Predictions predictions(PlannedRun run, String split) throws IOException {
    Path f = runDir(run).resolve("predictions-" + split + ".f32");
    if (!Files.isRegularFile(f)) {
      throw new NoSuchFileException(
          f.toString(),
          null,
          "run " + run.runName() + " has not finished (or failed), so it cannot be averaged");
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    int rows = b.getInt();
    int classes = b.getInt();
    float[] p = new float[rows * classes];
    b.asFloatBuffer().get(p);
    return new Predictions(p, classes);
  }

  /**
   * What a finished teacher predicted for its unlabelled view: {@code predictions-unlabelled.f32}
   * and the rows' pool indices, {@code unlabelled-sources.i32} (little-endian int count, then the
   * indices).
   */
  PseudoLabels.Taught taught(PlannedRun teacher) throws IOException {
    Path f = runDir(teacher).resolve(UNLABELLED_SOURCES);
    if (!isDone(teacher) || !Files.isRegularFile(f)) {
      throw new NoSuchFileException(
          f.toString(),
          null,
          "teacher "
              + teacher.describe()
              + " has not finished (it failed or was stopped), so it has labelled nothing");
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    int[] sources = new int[b.getInt()];
    b.asIntBuffer().get(sources);
    return new PseudoLabels.Taught(sources, predictions(teacher, RunExecution.UNLABELLED));
  }

  /**
   * Whether a finished run saved its predictions of its unlabelled view (runs finished before runs
   * kept them did not).
   */
  boolean taughtSaved(PlannedRun run) {
    return Files.isRegularFile(runDir(run).resolve(UNLABELLED_SOURCES));
  }

  /** The metrics a finished run recorded. */
  Map<String, Object> metrics(PlannedRun run) throws IOException {
    return Json.MAPPER.readValue(
        runDir(run).resolve("metrics.json").toFile(), new TypeReference<>() {});
  }

  /** Appends a finished run's rows to results.jsonl, under the plan's names (lock held). */
  private void append(PlannedRun run, List<Map<String, Object>> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> stored : rows) {
      sb.append(Json.line(named(run, stored))).append('\n');
    }
    Files.createDirectories(dir);
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve("results.jsonl"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /**
   * Rewrites results.jsonl from the finished runs of the plan, in plan order, under the plan's
   * experiment, run and dataset names; returns the rows.
   */
  List<Map<String, Object>> rewriteResults(List<PlannedRun> plan) throws IOException {
    return rewriteResults(plan, Set.of());
  }

  /** As {@link #rewriteResults(List)}, leaving out the runs whose hash is in {@code leftOut}. */
  List<Map<String, Object>> rewriteResults(List<PlannedRun> plan, Set<String> leftOut)
      throws IOException {
    return FolderLock.with(dir, () -> rewrite(plan, leftOut));
  }

  private List<Map<String, Object>> rewrite(List<PlannedRun> plan, Set<String> leftOut)
      throws IOException {
    List<Map<String, Object>> all = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (PlannedRun run : plan) {
      Optional<Done> done = leftOut.contains(run.hash()) ? Optional.empty() : done(run);
      if (done.isPresent()) {
        for (Map<String, Object> stored : done.get().rows()) {
          Map<String, Object> row = named(run, stored);
          all.add(row);
          sb.append(Json.line(row)).append('\n');
        }
      }
    }
    AtomicFiles.writeString(dir.resolve("results.jsonl"), sb.toString());
    return all;
  }

  /**
   * Names are not part of a run's identity (its hash is): a finished run copied from another
   * experiment or renamed is listed under this plan's names.
   */
  private Map<String, Object> named(PlannedRun run, Map<String, Object> stored) {
    Map<String, Object> row = new LinkedHashMap<>(stored);
    row.put("experiment", dir.getFileName().toString());
    row.put("run", run.runName());
    row.put("dataset", run.draw().name());
    row.put("run_dir", "runs/" + run.dirName());
    return row;
  }

  private static String csv(int[][] m) {
    StringBuilder sb = new StringBuilder("true\\predicted");
    for (int c = 0; c < m.length; c++) {
      sb.append(',').append(c);
    }
    sb.append('\n');
    for (int r = 0; r < m.length; r++) {
      sb.append(r);
      for (int c = 0; c < m[r].length; c++) {
        sb.append(',').append(m[r][c]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
