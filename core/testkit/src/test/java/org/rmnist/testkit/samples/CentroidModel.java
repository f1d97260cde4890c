package org.rmnist.testkit.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.Extension;
import org.rmnist.api.Doc;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Model;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/** Nearest class mean; probabilities are a softmax of minus the squared distances. */
@Extension
public class CentroidModel implements Model<CentroidModel.Config> {

  /** Config of {@code centroid}. */
  public record Config(@Doc("softmax temperature; > 0") double temperature) {
    public Config {
      if (!(temperature > 0)) {
        throw new IllegalArgumentException("temperature: must be > 0, got " + temperature);
      }
    }
  }

  @Override
  public String id() {
    return "centroid";
  }

  @Override
  public String summary() {
    return "nearest class mean";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(1.0);
  }

  @Override
  public TrainedModel fit(Config config, ImageSet train, ImageSet validation, TrainContext ctx) {
    int size = train.shape().size();
    float[] means = new float[ctx.classes() * size];
    int[] counts = train.classCounts(ctx.classes());
    for (int i = 0; i < train.size(); i++) {
      for (int p = 0; p < size; p++) {
        means[train.labels()[i] * size + p] +=
            train.pixels()[i * size + p] / counts[train.labels()[i]];
      }
    }
    return new Trained(config, means, ctx.classes());
  }

  @Override
  public TrainedModel load(Config config, Path dir) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("means.bin")));
    int classes = b.getInt();
    float[] means = new float[b.remaining() / 4];
    b.asFloatBuffer().get(means);
    return new Trained(config, means, classes);
  }

  private record Trained(Config config, float[] means, int classes) implements TrainedModel {
    @Override
    public Predictions predict(ImageSet images) {
      int size = images.shape().size();
      float[] p = new float[images.size() * classes];
      for (int i = 0; i < images.size(); i++) {
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          double d = 0;
          for (int k = 0; k < size; k++) {
            double diff = images.pixels()[i * size + k] - means[c * size + k];
            d += diff * diff;
          }
          logits[c] = -d / config.temperature();
          max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
          logits[c] = Math.exp(logits[c] - max);
          sum += logits[c];
        }
        for (int c = 0; c < classes; c++) {
          p[i * classes + c] = (float) (logits[c] / sum);
        }
      }
      return new Predictions(p, classes);
    }

    @Override
    public void save(Path dir) {
      ByteBuffer b = ByteBuffer.allocate(4 + 4 * means.length);
      b.putInt(classes);
      b.asFloatBuffer().put(means);
      try {
        Files.createDirectories(dir);
        Files.write(dir.resolve("means.bin"), b.array());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
