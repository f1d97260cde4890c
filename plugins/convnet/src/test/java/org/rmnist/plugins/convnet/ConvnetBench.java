package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/**
 * The rmnist side of {@code bench/convnet}: trains {@code convnet} (Nielsen's defaults, no
 * validation passes) on the images {@code convnet_torch.py prepare} wrote and prints ms/step.
 *
 * <p>Usage: {@code ConvnetBench DATA_FILE EPOCHS THREADS [SEED]}.
 */
public final class ConvnetBench {
  private ConvnetBench() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    int epochs = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    ImageSet train = read(data);
    ConvnetConfig d = ConvnetConfig.defaults();
    ConvnetConfig config =
        Configs.with(
            d,
            Map.of(
                "training.epochs",
                epochs,
                "training.evalEvery",
                0,
                "training.keepBest",
                false,
                "training.threads",
                threads));
    Path work = Files.createTempDirectory("convnet-bench");
    TrainContext ctx =
        new TrainContext(new Seed(seed), 10, Progress.NONE, work, threads, OnTheFly.NONE);
    long t0 = System.nanoTime();
    try (TrainedModel m = new ConvnetModel().fit(config, train, train, ctx)) {
      double wall = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> f = m.facts();
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"side\": \"rmnist\", \"libtorch\": \"%s\", \"threads\": %s, \"epochs\": %d, "
                  + "\"steps\": %s, \"seconds\": %.3f, \"msPerStep\": %.4f, "
                  + "\"cpuMsPerStep\": %.4f, \"fitSeconds\": %.3f}",
              Torch.engine().getVersion(),
              f.get("threads"),
              epochs,
              f.get("steps"),
              (Double) f.get("trainSeconds"),
              (Double) f.get("msPerStep"),
              (Double) f.get("cpuMsPerStep"),
              wall));
    }
  }

  /** Reads {@code int32 n, int32 size, n*size float32, n int32} (little-endian). */
  static ImageSet read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getInt();
    int size = b.getInt();
    float[] px = new float[n * size];
    b.asFloatBuffer().get(px);
    b.position(8 + 4 * n * size);
    int[] labels = new int[n];
    b.asIntBuffer().get(labels);
    int[] source = new int[n];
    for (int i = 0; i < n; i++) {
      source[i] = i;
    }
    return new ImageSet(px, labels, ImageShape.MNIST, source);
  }
}
