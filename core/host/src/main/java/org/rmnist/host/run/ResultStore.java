package org.rmnist.host.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmnist.api.Predictions;
import org.rmnist.host.util.AtomicFiles;
import org.rmnist.host.util.Json;

/**
 * An experiment's folder. Each run writes {@code runs/<dir>/} (config, metrics, confusion matrices)
 * and {@code done.json} last; a run is finished exactly when its {@code done.json} exists, so a killed
 * experiment resumes where it stopped. {@code results.jsonl} is rebuilt from the finished runs after
 * each one, atomically.
 */
final class ResultStore {
  private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};
  private final Path dir;

  ResultStore(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  Path runDir(PlannedRun run) {
    return dir.resolve("runs").resolve(run.dirName());
  }

  boolean isDone(PlannedRun run) {
    return Files.isRegularFile(runDir(run).resolve("done.json"));
  }

  /** The result rows a finished run recorded (one per evaluated split). */
  List<Map<String, Object>> rows(PlannedRun run) throws IOException {
    Path done = runDir(run).resolve("done.json");
    Map<String, Object> d = Json.MAPPER.readValue(done.toFile(), new TypeReference<>() {});
    return Json.MAPPER.convertValue(d.get("rows"), ROWS);
  }

  /** Records a finished run; {@code done.json} is written last. */
  void finish(PlannedRun run, Map<String, Object> config, Map<String, Object> metrics,
      Map<String, int[][]> confusion, Map<String, Predictions> predictions,
      List<Map<String, Object>> rows) throws IOException {
    Path rd = runDir(run);
    Files.createDirectories(rd);
    for (Map.Entry<String, Predictions> e : predictions.entrySet()) {
      Predictions p = e.getValue();
      ByteBuffer b = ByteBuffer.allocate(8 + 4 * p.probabilities().length)
          .order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(p.size()).putInt(p.classes());
      b.asFloatBuffer().put(p.probabilities());
      AtomicFiles.write(rd.resolve("predictions-" + e.getKey() + ".f32"), b.array());
    }
    Json.write(rd.resolve("config.json"), config);
    Json.write(rd.resolve("metrics.json"), metrics);
    for (Map.Entry<String, int[][]> e : confusion.entrySet()) {
      AtomicFiles.writeString(rd.resolve("confusion-" + e.getKey() + ".csv"), csv(e.getValue()));
    }
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("hash", run.hash());
    done.put("rows", rows);
    Json.write(rd.resolve("done.json"), done);
  }

  /**
   * The class probabilities a finished run saved for a split: {@code predictions-<split>.f32},
   * little-endian int rows, int classes, then rows × classes floats.
   */
  Predictions predictions(PlannedRun run, String split) throws IOException {
    Path f = runDir(run).resolve("predictions-" + split + ".f32");
    if (!Files.isRegularFile(f)) {
      throw new java.nio.file.NoSuchFileException(f.toString(), null,
          "run " + run.runName() + " has not finished (or failed), so it cannot be averaged");
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    int rows = b.getInt();
    int classes = b.getInt();
    float[] p = new float[rows * classes];
    b.asFloatBuffer().get(p);
    return new Predictions(p, classes);
  }

  /** The metrics a finished run recorded. */
  Map<String, Object> metrics(PlannedRun run) throws IOException {
    return Json.MAPPER.readValue(runDir(run).resolve("metrics.json").toFile(),
        new TypeReference<>() {});
  }

  /**
   * Rewrites results.jsonl from the finished runs of the plan, in plan order, under the plan's
   * experiment, run and dataset names.
   */
  List<Map<String, Object>> rebuildResults(List<PlannedRun> plan) throws IOException {
    List<Map<String, Object>> all = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (PlannedRun run : plan) {
      if (isDone(run)) {
        for (Map<String, Object> stored : rows(run)) {
          // Names are not part of a run's identity (its hash is): a finished run copied from
          // another experiment or renamed is listed under this plan's names.
          Map<String, Object> row = new java.util.LinkedHashMap<>(stored);
          row.put("experiment", dir.getFileName().toString());
          row.put("run", run.runName());
          row.put("dataset", run.datasetName());
          row.put("run_dir", "runs/" + run.dirName());
          all.add(row);
          sb.append(Json.line(row)).append('\n');
        }
      }
    }
    AtomicFiles.writeString(dir.resolve("results.jsonl"), sb.toString());
    return all;
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
