package org.rmnist.host.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rmnist.host.ConfigException;
import org.rmnist.host.util.Json;

/**
 * What one experiment's results folder holds, read for a report: its provenance, the rows of
 * results.jsonl (finished runs only), the runs left unfinished, and each run's own files (confusion
 * matrices, learning curve, mistakes, preview). A missing optional file is a note, never an error.
 */
public final class ResultsFolder {
  /** The sample of wrong validation images a run keeps for the report. */
  public static final String MISTAKES = "mistakes-validation.json";

  /** The picture of a run's training images and their distortions. */
  public static final String PREVIEW = "preview.png";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Path dir;
  private final Map<String, Object> provenance;
  private final List<Map<String, Object>> rows;
  private final List<String> unfinished;

  private ResultsFolder(
      Path dir,
      Map<String, Object> provenance,
      List<Map<String, Object>> rows,
      List<String> unfinished) {
    this.dir = dir;
    this.provenance = provenance;
    this.rows = rows;
    this.unfinished = unfinished;
  }

  /**
   * Reads {@code dir}; a folder that is not an experiment's results folder, or has no finished run,
   * is a {@link ConfigException} that says so.
   */
  public static ResultsFolder read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(dir + ": no such results folder");
    }
    Path jsonl = dir.resolve("results.jsonl");
    List<Map<String, Object>> rows = new ArrayList<>();
    if (Files.isRegularFile(jsonl)) {
      List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        try {
          rows.add(Json.MAPPER.readValue(lines.get(i), MAP));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new ConfigException(
              jsonl + " line " + (i + 1) + ": not a JSON object (" + e.getOriginalMessage() + ")");
        }
      }
    }
    for (Map<String, Object> r : rows) {
      for (String key : List.of("run", "dataset", "n", "split", "accuracy", "run_dir")) {
        if (r.get(key) == null) {
          throw new ConfigException(jsonl + ": a row has no '" + key + "': " + Json.line(r));
        }
      }
      for (String key : List.of("n", "accuracy")) {
        if (!(r.get(key) instanceof Number)) {
          throw new ConfigException(
              jsonl + ": '" + key + "' is not a number in the row " + Json.line(r));
        }
      }
    }
    List<String> unfinished = new ArrayList<>();
    Path runs = dir.resolve("runs");
    if (Files.isDirectory(runs)) {
      try (Stream<Path> s = Files.list(runs)) {
        s.filter(p -> Files.isDirectory(p) && !Files.exists(p.resolve("done.json")))
            .map(p -> p.getFileName().toString())
            .sorted()
            .forEach(unfinished::add);
      }
    }
    if (rows.isEmpty()) {
      throw new ConfigException(
          dir
              + ": no finished runs yet ("
              + (Files.exists(jsonl) ? "results.jsonl is empty" : "no results.jsonl")
              + (unfinished.isEmpty() ? "" : "; " + unfinished.size() + " runs unfinished")
              + "); a report needs at least one finished run");
    }
    Path prov = dir.resolve("provenance.json");
    Map<String, Object> provenance = Map.of();
    if (Files.isRegularFile(prov)) {
      try {
        provenance = Json.MAPPER.readValue(prov.toFile(), MAP);
      } catch (IOException e) {
        throw new ConfigException(prov + ": not a JSON object (" + e.getMessage() + ")");
      }
    }
    return new ResultsFolder(dir, provenance, List.copyOf(rows), List.copyOf(unfinished));
  }

  public Path dir() {
    return dir;
  }

  /** The experiment's name: provenance's, else the folder's. */
  public String name() {
    Object n = provenance.get("experiment");
    return n != null ? n.toString() : dir.getFileName().toString();
  }

  /** provenance.json, empty when it is missing. */
  public Map<String, Object> provenance() {
    return provenance;
  }

  /** The experiment as resolved when it last ran (runs, data sets, references), or empty. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolved() {
    Object r = provenance.get("resolved");
    return r instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public List<Map<String, Object>> rows() {
    return rows;
  }

  /** Run folders without done.json: running, killed or failed. */
  public List<String> unfinished() {
    return unfinished;
  }

  /** The confusion matrix {@code [true][predicted]} a run wrote for {@code split}. */
  public Optional<int[][]> confusion(String runDir, String split) throws IOException {
    Path f = dir.resolve(runDir).resolve("confusion-" + split + ".csv");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return Optional.empty();
    }
    int[][] m = new int[lines.size() - 1][];
    try {
      for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split(",");
        m[i - 1] = new int[cells.length - 1];
        for (int j = 1; j < cells.length; j++) {
          m[i - 1][j - 1] = Integer.parseInt(cells[j].strip());
        }
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
    return Optional.of(m);
  }

  /**
   * The learning curve a run recorded: per point epoch, lr and, where measured, trainLoss,
   * validationAccuracy and validationLoss. Empty when it recorded none; {@link Curve#missing} when
   * it says it wrote one that is not there.
   */
  @SuppressWarnings("unchecked")
  public Curve curve(String runDir) throws IOException {
    Optional<Map<String, Object>> metrics = json(runDir, "metrics.json");
    if (metrics.isEmpty()) {
      return new Curve(List.of(), true);
    }
    if (metrics.get().get("facts") instanceof Map<?, ?> f) {
      if (f.get("curve") instanceof List<?> points && !points.isEmpty()) {
        return new Curve((List<Map<String, Object>>) points, false);
      }
      if (f.get("curveFile") != null) {
        Path csv = dir.resolve(runDir).resolve("work").resolve("curve.csv");
        return Files.isRegularFile(csv)
            ? new Curve(curveCsv(csv), false)
            : new Curve(List.of(), true);
      }
    }
    return new Curve(List.of(), false);
  }

  /** Reads a curve.csv (epoch, lr, train_loss, validation_accuracy, validation_loss). */
  private static List<Map<String, Object>> curveCsv(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] keys = {"epoch", "lr", "trainLoss", "validationAccuracy", "validationLoss"};
    List<Map<String, Object>> points = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, Object> p = new LinkedHashMap<>();
      for (int i = 0; i < keys.length && i < cells.length; i++) {
        if (!cells[i].isBlank()) {
          try {
            p.put(keys[i], Double.parseDouble(cells[i]));
          } catch (NumberFormatException e) {
            return List.of();
          }
        }
      }
      points.add(p);
    }
    return points;
  }

  /** A learning curve; {@code missing}: the run said it wrote one, but it cannot be read. */
  public record Curve(List<Map<String, Object>> points, boolean missing) {}

  /** The mistakes sample a run kept ({@value #MISTAKES}), or empty. */
  public Optional<Map<String, Object>> mistakes(String runDir) throws IOException {
    return json(runDir, MISTAKES);
  }

  /** The run's preview PNG ({@value #PREVIEW}), or empty. */
  public Optional<byte[]> preview(String runDir) throws IOException {
    Path f = dir.resolve(runDir).resolve(PREVIEW);
    return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
  }

  private Optional<Map<String, Object>> json(String runDir, String name) throws IOException {
    Path f = dir.resolve(runDir).resolve(name);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LinkedHashMap<>(Json.MAPPER.readValue(f.toFile(), MAP)));
    } catch (IOException e) {
      return Optional.empty(); // a torn or foreign file: the section says it is missing
    }
  }
}
