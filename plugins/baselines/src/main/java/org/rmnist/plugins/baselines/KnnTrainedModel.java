package org.rmnist.plugins.baselines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Predictions;
import org.rmnist.api.TrainedModel;

/** A k-NN classifier: the training images themselves; saves them as raw floats. */
final class KnnTrainedModel implements TrainedModel {
  static final String FILE = "knn.bin";
  private static final String MAGIC = "rmnist-baselines-knn";

  private final NearestNeighbours knn;
  private final KnnPrepare prepare;

  /** {@code knn} holds training images already passed through {@code prepare}. */
  KnnTrainedModel(NearestNeighbours knn, KnnPrepare prepare) {
    this.knn = knn;
    this.prepare = prepare;
  }

  /**
   * Reads what {@link #save} wrote (prepared training images); {@code k} comes from the file, the
   * preparation of queries from the config.
   */
  static KnnTrainedModel load(Path dir, KnnPrepare prepare) throws IOException {
    return ModelFiles.read(
        dir,
        FILE,
        MAGIC,
        (in, where) -> {
          int k = ModelFiles.checkedCount(in.readInt(), 10_000, where, "k");
          int classes = ModelFiles.checkedCount(in.readInt(), 1 << 16, where, "class count");
          int pixels = ModelFiles.checkedCount(in.readInt(), 1 << 24, where, "pixel count");
          int n =
              ModelFiles.checkedCount(
                  in.readInt(), Integer.MAX_VALUE / pixels, where, "image count");
          int[] labels = new int[n];
          for (int i = 0; i < n; i++) {
            labels[i] = in.readInt();
            if (labels[i] < 0 || labels[i] >= classes) {
              throw new DataFormatException(
                  where
                      + ": label "
                      + labels[i]
                      + " of image "
                      + i
                      + " outside 0.."
                      + (classes - 1));
            }
          }
          float[] train = ModelFiles.readFloats(in, n * pixels);
          if (k > n) {
            throw new DataFormatException(where + ": k = " + k + " but only " + n + " images");
          }
          return new KnnTrainedModel(
              new NearestNeighbours(k, classes, pixels, train, labels), prepare);
        });
  }

  @Override
  public Predictions predict(ImageSet images) {
    if (images.shape().size() != knn.pixels()) {
      throw new IllegalArgumentException(
          "model was trained on images of " + knn.pixels() + " pixels, got " + images.shape());
    }
    float[] queries = prepare.apply(images.pixels(), images.size(), images.shape());
    return new Predictions(knn.predict(queries, images.size()), knn.classes());
  }

  @Override
  public void save(Path dir) throws IOException {
    ModelFiles.write(
        dir,
        FILE,
        MAGIC,
        out -> {
          out.writeInt(knn.k());
          out.writeInt(knn.classes());
          out.writeInt(knn.pixels());
          out.writeInt(knn.labels().length);
          for (int label : knn.labels()) {
            out.writeInt(label);
          }
          ModelFiles.writeFloats(out, knn.train());
        });
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("k", knn.k());
    facts.put("trainImages", knn.labels().length);
    return facts;
  }
}
