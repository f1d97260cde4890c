package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;
import org.rmnist.api.UnlabelledImages;
import org.rmnist.support.Checks;

/**
 * {@code label-propagation}: label spreading over a k-NN graph of the labelled images and the run's
 * unlabelled ones (YAML {@code unlabelled: pool}), usually in a learned feature space (the run's
 * {@code features:}); a new image takes its nearest nodes' spread labels.
 */
@Extension
public final class LabelPropagationModel implements Model<LabelPropagationConfig> {

  @Override
  public String id() {
    return "label-propagation";
  }

  @Override
  public String summary() {
    return "label spreading (Zhou et al. 2003) over a k-NN graph of the labelled and the run's "
        + "unlabelled images; exact brute-force neighbours";
  }

  @Override
  public Class<LabelPropagationConfig> configType() {
    return LabelPropagationConfig.class;
  }

  @Override
  public LabelPropagationConfig defaults() {
    return LabelPropagationConfig.defaults();
  }

  @Override
  public TrainedModel fit(
      LabelPropagationConfig config, ImageSet train, ImageSet validation, TrainContext context) {
    UnlabelledImages pool = context.unlabelled();
    if (pool.isEmpty()) {
      throw new IllegalArgumentException(
          "label-propagation spreads the labels over the run's unlabelled images, and this run "
              + "has none: add `unlabelled: pool` to the run in the experiment file");
    }
    int dims = train.shape().size();
    if (pool.shape().size() != dims) {
      throw new IllegalArgumentException(
          "unlabelled images have " + pool.shape().size() + " values, training images " + dims);
    }
    int classes = Checks.classes(train.labels(), context.classes());
    long t0 = System.nanoTime();
    if (config.unlabelled() > 0 && pool.size() > config.unlabelled()) {
      int[] order = new int[pool.size()];
      Arrays.setAll(order, i -> i);
      var rng = context.seed().derive("unlabelled").random();
      for (int i = order.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int[] keep = Arrays.copyOf(order, config.unlabelled());
      Arrays.sort(keep);
      pool = pool.select(keep);
    }
    int n = train.size() + pool.size();
    float[] nodes = Arrays.copyOf(train.pixels(), n * dims);
    System.arraycopy(pool.pixels(), 0, nodes, train.pixels().length, pool.pixels().length);
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    System.arraycopy(train.labels(), 0, labels, 0, train.size());
    LabelSpreading spread = LabelSpreading.fit(config, nodes, dims, labels, classes);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("labelledImages", train.size());
    facts.put("unlabelledImages", pool.size());
    facts.put("k", spread.k());
    facts.put("sigma2", spread.sigma2());
    facts.put("graphSeconds", (System.nanoTime() - t0) / 1e9);
    return new Trained(spread, facts);
  }

  @Override
  public TrainedModel load(LabelPropagationConfig config, Path dir) throws IOException {
    return Trained.load(dir);
  }

  /** The graph's nodes and their spread scores. */
  static final class Trained implements TrainedModel {
    static final String FILE = "label-propagation.bin";
    private static final String MAGIC = "rmnist-baselines-label-propagation";
    private final LabelSpreading spread;
    private final Map<String, Object> facts;

    Trained(LabelSpreading spread, Map<String, Object> facts) {
      this.spread = spread;
      this.facts = facts;
    }

    static Trained load(Path dir) throws IOException {
      return ModelFiles.read(
          dir,
          FILE,
          MAGIC,
          (in, where) -> {
            int k = ModelFiles.checkedCount(in.readInt(), 1000, where, "k");
            int classes = ModelFiles.checkedCount(in.readInt(), 1 << 16, where, "class count");
            int dims = ModelFiles.checkedCount(in.readInt(), 1 << 24, where, "dimension");
            int n =
                ModelFiles.checkedCount(
                    in.readInt(), Integer.MAX_VALUE / Math.max(dims, classes), where, "node count");
            double sigma2 = in.readDouble();
            if (!(sigma2 > 0)) {
              throw new DataFormatException(where + ": sigma2 " + sigma2 + " is not positive");
            }
            float[] nodes = ModelFiles.readFloats(in, n * dims);
            float[] scores = ModelFiles.readFloats(in, n * classes);
            return new Trained(
                new LabelSpreading(Math.min(k, n), classes, dims, nodes, scores, sigma2),
                Map.of("loadedFrom", dir.toString()));
          });
    }

    @Override
    public Predictions predict(ImageSet images) {
      if (images.shape().size() != spread.dims()) {
        throw new IllegalArgumentException(
            "model was trained on " + spread.dims() + " values per image, got " + images.shape());
      }
      return new Predictions(spread.predict(images.pixels(), images.size()), spread.classes());
    }

    @Override
    public void save(Path dir) throws IOException {
      ModelFiles.write(
          dir,
          FILE,
          MAGIC,
          out -> {
            out.writeInt(spread.k());
            out.writeInt(spread.classes());
            out.writeInt(spread.dims());
            out.writeInt(spread.nodes().length / spread.dims());
            out.writeDouble(spread.sigma2());
            ModelFiles.writeFloats(out, spread.nodes());
            ModelFiles.writeFloats(out, spread.scores());
          });
    }

    @Override
    public Map<String, Object> facts() {
      return facts;
    }

    @Override
    public void close() {}
  }
}
