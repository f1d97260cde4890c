package org.rmnist.plugins.supertrain;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.pf4j.Extension;
import org.rmnist.api.BuildContext;
import org.rmnist.api.BuildRequest;
import org.rmnist.api.BuiltSet;
import org.rmnist.api.Progress;
import org.rmnist.api.TrainingSetBuilder;

/**
 * {@code search}: chooses N pool images per class by simulated annealing on the accuracy of a 1-NN
 * classifier trained on the candidate set (it memorises it) and measured on a selection split the
 * builder carves from the pool itself (stratified, from the build seed; never chosen). A proposal
 * swaps one chosen image of one class for another image of that class; ties in accuracy are broken
 * by the mean relative margin between the nearest image of the right class and of any other.
 */
@Extension
public final class SearchBuilder implements TrainingSetBuilder<SearchConfig> {
  /** Weight of the margin term: below one selection image's worth of accuracy. */
  private static final double MARGIN_WEIGHT = 1e-5;

  @Override
  public String id() {
    return "search";
  }

  @Override
  public String summary() {
    return "chosen real images: simulated annealing on a 1-NN classifier's accuracy on a selection "
        + "split carved from the pool";
  }

  @Override
  public Class<SearchConfig> configType() {
    return SearchConfig.class;
  }

  @Override
  public SearchConfig defaults() {
    return SearchConfig.defaults();
  }

  @Override
  public boolean usesFeatures(SearchConfig config) {
    return config.space().equals("features");
  }

  @Override
  public BuiltSet build(SearchConfig config, BuildRequest request, BuildContext context)
      throws IOException {
    long t0 = System.nanoTime();
    int n = request.n();
    int[][] byClass = request.byClass();
    int classes = byClass.length;
    if (config.selection() >= request.pool().size()) {
      throw new IllegalArgumentException(
          "selection: "
              + config.selection()
              + " held-out images leave none of the pool of "
              + request.pool().size()
              + " to choose from");
    }
    Space s = Space.of(request, config.space(), config.blur());
    // the selection split, stratified; the rest are candidates
    int[][] candidates = new int[classes][];
    int[] selection = split(request, byClass, config.selection(), candidates);
    for (int c = 0; c < classes; c++) {
      if (candidates[c].length < n) {
        throw new IllegalArgumentException(
            "n: "
                + n
                + " images per class asked for, but class "
                + c
                + " has only "
                + candidates[c].length
                + " in the pool outside the selection split of "
                + config.selection());
      }
      if (config.candidates() > 0 && config.candidates() < candidates[c].length) {
        candidates[c] = Chosen.prototypes(s, candidates[c], Math.max(n, config.candidates()));
      }
    }
    int[][] chosen = new int[classes][];
    SplittableRandom startRandom = request.seed().derive("start").random();
    for (int c = 0; c < classes; c++) {
      int[] rows = candidates[c];
      chosen[c] =
          switch (config.start()) {
            case "prototypes" -> Chosen.prototypes(s, rows, n);
            case "kcenter" -> Chosen.kCenterFromMean(s, rows, n);
            case "random" -> randomSubset(rows, n, startRandom);
            default -> Chosen.herding(s, rows, n);
          };
    }
    Scorer scorer = new Scorer(s, request.pool().labels(), selection, chosen, classes);
    double score = scorer.score();
    double startAccuracy = scorer.accuracy();
    SplittableRandom random = request.seed().derive("search").random();
    Progress progress = context.progress();
    progress.start("proposals", config.iterations());
    double best = score;
    double bestAccuracy = startAccuracy;
    int[][] bestSet = copy(chosen);
    int accepted = 0;
    int improved = 0;
    Files.createDirectories(context.workDir());
    try (Writer curve =
        Files.newBufferedWriter(context.workDir().resolve("search.csv"), StandardCharsets.UTF_8)) {
      curve.write("iteration,accuracy,best_accuracy\n");
      for (int it = 0; it < config.iterations(); it++) {
        int c = random.nextInt(classes);
        int slot = random.nextInt(n);
        int[] rows = candidates[c];
        int pick = rows[random.nextInt(rows.length)];
        if (contains(chosen[c], pick)) {
          progress.advance(1);
          continue;
        }
        double proposed = scorer.propose(c, slot, pick);
        double t = config.temperature() * (1 - (double) it / config.iterations());
        double delta = proposed - score;
        if (delta >= 0 || (t > 0 && random.nextDouble() < Math.exp(delta / t))) {
          scorer.accept();
          chosen[c][slot] = pick;
          score = proposed;
          accepted++;
          if (score > best) {
            best = score;
            bestAccuracy = scorer.accuracy();
            bestSet = copy(chosen);
            improved++;
          }
        }
        if (it % 100 == 0 || it == config.iterations() - 1) {
          curve.write(
              String.format(
                  Locale.ROOT, "%d,%.5f,%.5f%n", it + 1, scorer.accuracy(), bestAccuracy));
        }
        progress.advance(1);
      }
    } finally {
      progress.done();
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("method", id());
    facts.put("space", config.space());
    facts.put("start", config.start());
    facts.put("selection_images", selection.length);
    facts.put("selection_accuracy_start", startAccuracy);
    facts.put("selection_accuracy", bestAccuracy);
    facts.put("iterations", config.iterations());
    facts.put("accepted", accepted);
    facts.put("improvements", improved);
    facts.put("search_seconds", (System.nanoTime() - t0) / 1e9);
    return Chosen.set(request, bestSet, facts);
  }

  /** Stratified held-out selection split; fills {@code candidates} with the rest per class. */
  static int[] split(BuildRequest request, int[][] byClass, int size, int[][] candidates) {
    int pool = request.pool().size();
    int[] out = new int[size];
    int at = 0;
    for (int c = 0; c < byClass.length; c++) {
      int[] rows = byClass[c].clone();
      SplittableRandom r = request.seed().derive("selection", c).random();
      for (int i = rows.length - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int tmp = rows[i];
        rows[i] = rows[j];
        rows[j] = tmp;
      }
      int take =
          c == byClass.length - 1
              ? size - at
              : (int) Math.round((double) size * byClass[c].length / pool);
      take = Math.min(take, rows.length);
      System.arraycopy(rows, 0, out, at, take);
      at += take;
      candidates[c] = Arrays.copyOfRange(rows, take, rows.length);
      Arrays.sort(candidates[c]);
    }
    return Arrays.copyOf(out, at);
  }

  private static int[] randomSubset(int[] rows, int n, SplittableRandom r) {
    int[] copy = rows.clone();
    for (int i = 0; i < n; i++) {
      int j = i + r.nextInt(copy.length - i);
      int tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return Arrays.copyOf(copy, n);
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int[][] copy(int[][] a) {
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * A 1-NN classifier of the selection split on the chosen set, with the distances from every
   * selection image to every chosen image kept, so a swap costs one column of distances.
   */
  static final class Scorer {
    private final Space s;
    private final int[] labels;
    private final int[] selection;
    private final int classes;
    private final int n;
    private final float[][] d; // [selection][class * n + slot]
    private final float[] column;
    private int pendingClass = -1;
    private int pendingSlot;
    private int pendingCorrect;
    private int correct;

    Scorer(Space s, int[] poolLabels, int[] selection, int[][] chosen, int classes) {
      this.s = s;
      this.classes = classes;
      this.n = chosen[0].length;
      this.selection = selection;
      this.labels = new int[selection.length];
      this.d = new float[selection.length][classes * n];
      this.column = new float[selection.length];
      java.util.stream.IntStream.range(0, selection.length)
          .parallel()
          .forEach(
              i -> {
                labels[i] = poolLabels[selection[i]];
                for (int c = 0; c < classes; c++) {
                  for (int j = 0; j < n; j++) {
                    d[i][c * n + j] = s.distance(selection[i], chosen[c][j]);
                  }
                }
              });
    }

    /** Accuracy plus the tie-breaking margin term, of the current set. */
    double score() {
      double score = score(-1);
      correct = pendingCorrect;
      return score;
    }

    /** The accuracy of the current set. */
    double accuracy() {
      return (double) correct / selection.length;
    }

    /** The score with chosen image (class, slot) replaced by pool row {@code row}. */
    double propose(int c, int slot, int row) {
      java.util.stream.IntStream.range(0, selection.length)
          .parallel()
          .forEach(i -> column[i] = s.distance(selection[i], row));
      pendingClass = c;
      pendingSlot = slot;
      return score(c * n + slot);
    }

    /** Keeps the last proposal. */
    void accept() {
      int k = pendingClass * n + pendingSlot;
      for (int i = 0; i < selection.length; i++) {
        d[i][k] = column[i];
      }
      correct = pendingCorrect;
    }

    /**
     * Score with column {@code replaced} read from {@link #column} (none when negative); its count
     * of correct images is kept as pending.
     */
    private double score(int replaced) {
      int right = 0;
      double margin = 0;
      for (int i = 0; i < selection.length; i++) {
        float same = Float.POSITIVE_INFINITY;
        float other = Float.POSITIVE_INFINITY;
        float[] row = d[i];
        int lo = labels[i] * n;
        for (int k = 0; k < row.length; k++) {
          float v = k == replaced ? column[i] : row[k];
          if (k >= lo && k < lo + n) {
            same = Math.min(same, v);
          } else {
            other = Math.min(other, v);
          }
        }
        if (same < other) {
          right++;
        }
        double sum = same + other;
        margin += sum > 0 ? (other - same) / sum : 0;
      }
      pendingCorrect = right;
      return (double) right / selection.length + MARGIN_WEIGHT * margin / selection.length;
    }
  }
}
