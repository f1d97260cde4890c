package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Predictions;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainedModel;
import org.rmnist.support.Checks;

/**
 * One or more CART trees whose leaf distributions are averaged (scikit-learn's {@code
 * predict_proba}); a decision tree is a forest of one tree without bootstrap.
 */
final class ForestTrainedModel implements TrainedModel {
  static final String FILE = "trees.bin";
  private static final String MAGIC = "rmnist-baselines-trees";
  private static final int BLOCK = 64;

  private final List<Tree> trees;
  private final int classes;
  private final int pixels;

  private ForestTrainedModel(List<Tree> trees, int classes, int pixels) {
    this.trees = List.copyOf(trees);
    this.classes = classes;
    this.pixels = pixels;
  }

  /** How to grow the trees. */
  record Growth(int trees, boolean bootstrap, int maxDepth, int maxFeatures) {}

  /**
   * Grows {@code growth.trees()} trees, tree {@code t} from {@code seed.derive("tree", t)} (and
   * {@code derive("bootstrap", t)}), so the result does not depend on {@code threads}.
   */
  static ForestTrainedModel grow(
      ImageSet train, int classes, Growth growth, Seed seed, int threads, Progress progress) {
    int d = train.shape().size();
    Checks.classes(train.labels(), classes);
    int n = train.size();
    int depth = growth.maxDepth() == 0 ? Integer.MAX_VALUE : growth.maxDepth();
    Tree[] grown = new Tree[growth.trees()];
    progress.start("trees", growth.trees());
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      pool.submit(
              () ->
                  IntStream.range(0, grown.length)
                      .parallel()
                      .forEach(
                          t -> {
                            int[] counts =
                                growth.bootstrap()
                                    ? bootstrap(n, seed.derive("bootstrap", t).random())
                                    : null;
                            CartBuilder builder =
                                new CartBuilder(
                                    train.pixels(),
                                    train.labels(),
                                    d,
                                    classes,
                                    depth,
                                    growth.maxFeatures());
                            grown[t] = builder.grow(counts, seed.derive("tree", t).random());
                            synchronized (progress) {
                              progress.advance(1);
                            }
                          }))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while growing trees", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("growing trees failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
      progress.done();
    }
    return new ForestTrainedModel(Arrays.asList(grown), classes, d);
  }

  /** scikit-learn's bootstrap: {@code n} draws with replacement, as counts per sample. */
  private static int[] bootstrap(int n, SplittableRandom rng) {
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      counts[rng.nextInt(n)]++;
    }
    return counts;
  }

  /** Reads what {@link #save} wrote. */
  static ForestTrainedModel load(Path dir) throws IOException {
    return ModelFiles.read(
        dir,
        FILE,
        MAGIC,
        (in, where) -> {
          int classes = ModelFiles.checkedCount(in.readInt(), 1 << 16, where, "class count");
          int pixels = ModelFiles.checkedCount(in.readInt(), 1 << 24, where, "pixel count");
          int count = ModelFiles.checkedCount(in.readInt(), 1 << 20, where, "tree count");
          List<Tree> trees = new ArrayList<>(count);
          for (int t = 0; t < count; t++) {
            trees.add(Tree.read(in, classes, pixels, where + " tree " + t));
          }
          return new ForestTrainedModel(trees, classes, pixels);
        });
  }

  @Override
  public Predictions predict(ImageSet images) {
    if (images.shape().size() != pixels) {
      throw new IllegalArgumentException(
          "model was trained on images of " + pixels + " pixels, got " + images.shape());
    }
    int n = images.size();
    float[] p = new float[n * classes];
    // Blocks of images, trees outer: one small tree stays in cache while a block passes through it.
    IntStream.range(0, (n + BLOCK - 1) / BLOCK)
        .parallel()
        .forEach(
            b -> {
              int from = b * BLOCK;
              int to = Math.min(n, from + BLOCK);
              double[] sum = new double[(to - from) * classes];
              for (Tree tree : trees) {
                for (int i = from; i < to; i++) {
                  tree.accumulate(images.pixels(), images.offset(i), sum, (i - from) * classes);
                }
              }
              for (int k = 0; k < sum.length; k++) {
                p[from * classes + k] = (float) (sum[k] / trees.size());
              }
            });
    return new Predictions(p, classes);
  }

  @Override
  public void save(Path dir) throws IOException {
    ModelFiles.write(
        dir,
        FILE,
        MAGIC,
        out -> {
          out.writeInt(classes);
          out.writeInt(pixels);
          out.writeInt(trees.size());
          for (Tree tree : trees) {
            tree.write(out);
          }
        });
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("trees", trees.size());
    facts.put("meanNodes", trees.stream().mapToInt(Tree::nodes).average().orElse(0));
    facts.put("meanLeaves", trees.stream().mapToInt(Tree::leaves).average().orElse(0));
    facts.put("meanDepth", trees.stream().mapToInt(Tree::depth).average().orElse(0));
    facts.put("maxDepth", trees.stream().mapToInt(Tree::depth).max().orElse(0));
    return facts;
  }
}
