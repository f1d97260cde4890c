package org.rmnist.plugins.convnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.rmnist.api.ImageSet;
import org.rmnist.api.OnTheFly;
import org.rmnist.api.OnnxExportable;
import org.rmnist.api.Progress;
import org.rmnist.api.Seed;
import org.rmnist.api.TrainContext;
import org.rmnist.api.TrainedModel;

/**
 * Training and prediction speed of {@code resnet18} on synthetic 28 x 28 strokes: after a warm-up
 * fit, one fit of {@code STEPS} steps of batch 128 and a prediction of 1000 images per thread
 * count, and an ONNX export. Prints one JSON line per thread count. {@code cpuMsPerStep} is the
 * calling thread's CPU time: all of it with one thread, a lower bound with more.
 *
 * <p>Usage: {@code ResnetBench STEPS SIZE WIDTH THREADS...}, e.g. {@code 20 32 64 1 2}.
 */
public final class ResnetBench {
  private ResnetBench() {}

  public static void main(String[] args) throws IOException {
    int steps = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    int width = Integer.parseInt(args[2]);
    ImageSet train = Patterns.make(128 * steps / 10, 1);
    ImageSet test = Patterns.make(100, 2);
    Path work = Files.createTempDirectory("resnet-bench");
    for (int a = 3; a < args.length; a++) {
      int threads = Integer.parseInt(args[a]);
      ResnetConfig config =
          Configs.with(
              ResnetConfig.defaults(),
              Map.of(
                  "preprocess.size",
                  size,
                  "width",
                  width,
                  "training.epochs",
                  1,
                  "training.threads",
                  threads));
      TrainContext ctx =
          new TrainContext(new Seed(1), 10, Progress.NONE, work, threads, OnTheFly.NONE);
      try (TrainedModel warm = new ResnetModel().fit(config, train.select(range(256)), test, ctx)) {
        warm.predict(test.select(range(200)));
      }
      try (TrainedModel m = new ResnetModel().fit(config, train, test, ctx)) {
        long t0 = System.nanoTime();
        m.predict(test);
        double predictMs = (System.nanoTime() - t0) / 1e6;
        Path onnx = work.resolve("resnet.onnx");
        long t1 = System.nanoTime();
        ((OnnxExportable) m).exportOnnx(onnx);
        double exportMs = (System.nanoTime() - t1) / 1e6;
        Map<String, Object> f = m.facts();
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"size\": %d, \"width\": %d, \"threads\": %d, \"steps\": %s, \"batch\": %s, "
                    + "\"msPerStep\": %.1f, \"cpuMsPerStep\": %.1f, \"predictMsPer1000\": %.1f, "
                    + "\"onnxBytes\": %d, \"exportMs\": %.0f}",
                size,
                width,
                threads,
                f.get("steps"),
                f.get("batchSize"),
                (Double) f.get("msPerStep"),
                (Double) f.get("cpuMsPerStep"),
                predictMs * 1000 / test.size(),
                Files.size(onnx),
                exportMs));
      }
    }
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
