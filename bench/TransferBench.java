import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Progress;
import org.rmnist.plugins.onnx.OnnxConfig;
import org.rmnist.plugins.onnx.OnnxFeatureExtractor;

/**
 * The rmnist side of bench/transfer: ResNet-18 features through the {@code onnx} feature extractor
 * (ONNX Runtime from the class path), on grey 28x28 images that the extractor resizes, copies to 3
 * channels and normalises (ImageNet statistics), exactly as a run would. Run with Java's
 * single-file source launcher:
 *
 * <pre>
 * java -cp ONNX_PLUGIN_JAR:LIB/* bench/TransferBench.java MODEL.onnx SIZE GREY.bin THREADS BATCH
 *     WARMUP [CHECK.bin]
 * </pre>
 *
 * <p>GREY.bin and CHECK.bin are written by bench/transfer_torch.py (int32 n, int32 values per row,
 * float32 rows, little-endian). Per thread count (comma-separated THREADS) it opens the extractor,
 * extracts WARMUP batches untimed, then times {@code extract} on all images (wall clock and the
 * process's CPU time) and prints one JSON line; it also times the conversion alone
 * ({@link NetworkInput#fill}, part of {@code extract}). With CHECK.bin it first compares the
 * features of the first rows of GREY.bin with PyTorch's.
 */
public final class TransferBench {
  private TransferBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: TransferBench MODEL.onnx SIZE GREY.bin THREADS BATCH WARMUP "
          + "[CHECK.bin]");
      System.exit(2);
    }
    Path model = Path.of(args[0]).toAbsolutePath();
    int size = Integer.parseInt(args[1]);
    ImageSet grey = greyImages(readRows(Path.of(args[2]), 784));
    int[] threads = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
    int batch = Integer.parseInt(args[4]);
    int warmup = Integer.parseInt(args[5]);
    OnnxConfig config = new OnnxConfig(model.toString(), "input", "features", new NetworkInput(
        size, 3, "nchw", "bilinear", OnnxConfig.IMAGENET_MEAN, OnnxConfig.IMAGENET_STD), batch);
    OnnxFeatureExtractor extractor = new OnnxFeatureExtractor();
    if (args.length > 6) {
      check(extractor, config, grey, readRows(Path.of(args[6]), 512), size);
    }
    for (int t : threads) {
      try (Featurizer f = extractor.open(config, new ExtractorContext(List.of(), Progress.NONE,
          t))) {
        f.extract(grey.select(range(Math.min(grey.size(), warmup * batch))));
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        f.extract(grey);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - c0) / 1e9;
        double convert = conversionSeconds(config.preprocess(), grey, batch);
        System.out.println(String.format(Locale.ROOT, "{\"side\": \"rmnist\", \"size\": %d, "
            + "\"threads\": %d, \"images\": %d, \"batch\": %d, \"seconds\": %.6f, "
            + "\"cpuSeconds\": %.6f, \"convertSeconds\": %.6f, \"imagesPerSecond\": %.4f, "
            + "\"dimension\": %d}", size, t, grey.size(), batch, seconds, cpu, convert,
            grey.size() / seconds, f.dimension()));
      }
    }
  }

  /** Features of the first rows of {@code grey} against PyTorch's: prints the differences. */
  private static void check(OnnxFeatureExtractor extractor, OnnxConfig config, ImageSet grey,
      float[][] expected, int size) throws IOException {
    int n = expected.length;
    try (Featurizer f = extractor.open(config, new ExtractorContext(List.of(), Progress.NONE,
        1))) {
      float[] got = f.extract(grey.select(range(n)));
      double maxAbs = 0;
      double maxRef = 0;
      double sumSq = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < expected[i].length; j++) {
          double d = Math.abs(got[i * f.dimension() + j] - expected[i][j]);
          maxAbs = Math.max(maxAbs, d);
          maxRef = Math.max(maxRef, Math.abs(expected[i][j]));
          sumSq += d * d;
        }
      }
      System.out.println(String.format(Locale.ROOT, "{\"side\": \"check\", \"size\": %d, "
          + "\"images\": %d, \"dimension\": %d, \"maxAbsDiff\": %.3e, \"rmsDiff\": %.3e, "
          + "\"maxAbsFeature\": %.4f}", size, n, f.dimension(), maxAbs,
          Math.sqrt(sumSq / ((double) n * f.dimension())), maxRef));
    }
  }

  /** CPU time of the whole process (ONNX Runtime's pool threads included), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Seconds to convert every image once, batch by batch, as {@code extract} does. */
  private static double conversionSeconds(NetworkInput input, ImageSet images, int batch) {
    float[] buf = new float[batch * input.valuesPerImage()];
    long t0 = System.nanoTime();
    for (int start = 0; start < images.size(); start += batch) {
      input.fill(images, start, Math.min(images.size(), start + batch), buf);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static ImageSet greyImages(float[][] rows) {
    float[] pixels = new float[rows.length * 784];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, pixels, i * 784, 784);
    }
    return new ImageSet(pixels, new int[rows.length], ImageShape.MNIST, range(rows.length));
  }

  /** Rows of a file written by transfer_torch.py; {@code dim} values each. */
  private static float[][] readRows(Path file, int dim) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ByteBuffer header = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
      int n = header.getInt();
      int got = header.getInt();
      if (got != dim) {
        throw new IOException(file + ": rows of " + got + " values, expected " + dim);
      }
      byte[] bytes = in.readNBytes(4 * n * dim);
      if (bytes.length != 4 * n * dim) {
        throw new IOException(file + ": truncated: " + n + " rows of " + dim + " floats need "
            + 4 * n * dim + " bytes after the header, found " + bytes.length);
      }
      ByteBuffer body = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      float[][] rows = new float[n][dim];
      for (float[] row : rows) {
        body.asFloatBuffer().get(row);
        body.position(body.position() + 4 * dim);
      }
      return rows;
    }
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }
}
