package org.rmnist.host.run;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.rmnist.api.DataContext;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Predictions;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.Splits;
import org.rmnist.host.report.ResultsFolder;
import org.rmnist.host.util.Json;
import org.rmnist.support.AtomicFiles;

/**
 * What a report shows of a finished run besides its numbers, written into the run's folder when the
 * experiment finishes (for runs new or old, so a report can be made from the folder alone): a
 * sample of its wrong validation images ({@value ResultsFolder#MISTAKES}) and a picture of its
 * training images with their distortions ({@value ResultsFolder#PREVIEW}).
 */
final class ReportArtifacts {
  /** The most mistakes kept per run: the ones the model was most sure of. */
  static final int MISTAKES = 48;

  /** Distorted versions shown beside each training image. */
  static final int VERSIONS = 7;

  private final ResultStore store;
  private final DataContext data;
  private final PrintStream log;
  private final Map<String, Splits> loaded = new HashMap<>();

  ReportArtifacts(ResultStore store, DataContext data, PrintStream log) {
    this.store = store;
    this.data = data;
    this.log = log;
  }

  /** Writes the files a finished run of {@code plan} lacks; one run's failure is only logged. */
  void fill(List<PlannedRun> plan) {
    for (PlannedRun run : plan) {
      Path dir = store.runDir(run);
      boolean mistakes = !Files.exists(dir.resolve(ResultsFolder.MISTAKES));
      boolean preview =
          run instanceof PlannedRun.Trained && !Files.exists(dir.resolve(ResultsFolder.PREVIEW));
      if (!store.isDone(run) || !mistakes && !preview) {
        continue;
      }
      try {
        Splits splits = loaded.computeIfAbsent(run.draw().key(), k -> load(run));
        if (splits == null) {
          continue;
        }
        if (mistakes && Files.exists(dir.resolve("predictions-validation.f32"))) {
          Json.write(
              dir.resolve(ResultsFolder.MISTAKES),
              mistakes(store.predictions(run, "validation"), splits.validation()));
        }
        if (preview) {
          AtomicFiles.write(
              dir.resolve(ResultsFolder.PREVIEW), preview((PlannedRun.Trained) run, splits));
        }
      } catch (IOException | RuntimeException e) {
        log.println("report: no mistakes or preview for " + run.describe() + ": " + e);
      }
    }
  }

  private Splits load(PlannedRun run) {
    try {
      return RunExecution.load(
          run.draw(), data, store.dir().getParent().resolve(".cache"), 1, Progress.NONE);
    } catch (IOException | RuntimeException e) {
      log.println("report: cannot load " + run.draw().key() + " for its pictures: " + e);
      return null;
    }
  }

  /** The {@value #MISTAKES} wrong images the model was most sure of, with their pixels. */
  static Map<String, Object> mistakes(Predictions p, ImageSet images) {
    int[] predicted = new int[images.size()];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = p.argmax(i);
    }
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      if (predicted[i] != images.labels()[i]) {
        wrong.add(i);
      }
    }
    wrong.sort(
        (a, b) -> Float.compare(confidence(p, b, predicted[b]), confidence(p, a, predicted[a])));
    List<Map<String, Object>> shown = new ArrayList<>();
    for (int i : wrong.subList(0, Math.min(MISTAKES, wrong.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", i);
      m.put("source", images.sourceIndices()[i]);
      m.put("label", images.labels()[i]);
      m.put("predicted", predicted[i]);
      m.put("confidence", confidence(p, i, predicted[i]));
      float[] px = images.image(i);
      byte[] bytes = new byte[px.length];
      for (int j = 0; j < px.length; j++) {
        bytes[j] = (byte) Math.round(Math.max(0, Math.min(1, px[j])) * 255);
      }
      m.put("pixels", Base64.getEncoder().encodeToString(bytes));
      shown.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("split", "validation");
    out.put("total", images.size());
    out.put("wrong", wrong.size());
    out.put("width", images.shape().width());
    out.put("height", images.shape().height());
    out.put("images", shown);
    return out;
  }

  /**
   * Up to {@value #VERSIONS} columns of {@code expanded}: per column, for every original, one of
   * its static copies that differs from it (spread over all of them); empty when there are none.
   */
  private static List<int[]> copies(ImageSet originals, ImageSet expanded) {
    if (expanded == originals) {
      return List.of();
    }
    List<List<Integer>> per = new ArrayList<>();
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < originals.size(); i++) {
      float[] original = originals.image(i);
      List<Integer> mine = new ArrayList<>();
      List<Integer> same = new ArrayList<>();
      for (int k = 0; k < expanded.size(); k++) {
        if (expanded.sourceIndices()[k] == originals.sourceIndices()[i]) {
          (java.util.Arrays.equals(expanded.image(k), original) ? same : mine).add(k);
        }
      }
      mine.addAll(same); // unchanged copies last: shown only when there are too few others
      per.add(mine);
      fewest = Math.min(fewest, mine.size());
    }
    List<int[]> columns = new ArrayList<>();
    int take = Math.min(VERSIONS, fewest);
    for (int c = 0; c < take; c++) {
      int[] rows = new int[per.size()];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = per.get(i).get((int) ((long) c * fewest / take));
      }
      columns.add(rows);
    }
    return columns;
  }

  private static float confidence(Predictions p, int i, int k) {
    return p.probabilities()[i * p.classes() + k];
  }

  /**
   * The first training image of every class and {@value #VERSIONS} versions of it as the run trains
   * on them: its static copies (if any), through its on-the-fly distortions (if any).
   */
  static byte[] preview(PlannedRun.Trained run, Splits splits) throws IOException {
    ImageSet train = splits.train();
    List<Integer> first = new ArrayList<>();
    boolean[] seen = new boolean[splits.classes()];
    for (int i = 0; i < train.size(); i++) {
      int label = train.labels()[i];
      if (label >= 0 && label < seen.length && !seen[label]) {
        seen[label] = true;
        first.add(i);
      }
    }
    first.sort((a, b) -> Integer.compare(train.labels()[a], train.labels()[b]));
    ImageSet originals = train.select(first.stream().mapToInt(Integer::intValue).toArray());
    Seed seed = new Seed(run.seed());
    ImageSet expanded =
        run.pipeline().expand(originals, new Seed(run.draw().seed()).derive("expand"));
    OnTheFly fly = run.pipeline().onTheFly(seed.derive("onTheFly"));
    List<ImageSet> columns = new ArrayList<>();
    columns.add(originals);
    List<int[]> copies = copies(originals, expanded);
    for (int v = 0; v < VERSIONS; v++) {
      ImageSet base = originals;
      if (!copies.isEmpty()) {
        base = expanded.select(copies.get(v % copies.size()));
      } else if (fly == OnTheFly.NONE) {
        break;
      }
      columns.add(fly == OnTheFly.NONE ? base : fly.epoch(base, v));
    }
    BufferedImage img = Preview.grid(columns, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
