package org.rmnist.plugins.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureLayer;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Progress;

/** The extractor on a tiny CNN written with the ONNX protobuf classes, against plain Java. */
class OnnxFeatureExtractorTest {
  static final OnnxFeatureExtractor EXTRACTOR = new OnnxFeatureExtractor();
  static final TinyCnn NET = TinyCnn.random(7);

  @TempDir static Path models;

  @BeforeAll
  static void writeModels() throws IOException {
    NET.write(models.resolve("tiny.onnx"));
  }

  /** The tiny model at 8 x 8 x 3, ImageNet's statistics, the given layer and batch size. */
  static OnnxConfig config(String path, String layer, int size, int batchSize) {
    return new OnnxConfig(
        path,
        "",
        layer,
        new NetworkInput(
            size, 3, "nchw", "bilinear", OnnxConfig.IMAGENET_MEAN, OnnxConfig.IMAGENET_STD),
        batchSize);
  }

  static OnnxConfig config(String layer, int batchSize) {
    return config("tiny.onnx", layer, 8, batchSize);
  }

  static ExtractorContext context(Path... roots) {
    return new ExtractorContext(List.of(roots), Progress.NONE, 1);
  }

  /** {@code n} grey 28 x 28 images, pixels uniform in [0, 1). */
  static ImageSet images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * ImageShape.MNIST.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextDouble();
    }
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = 100 + i;
    }
    return new ImageSet(px, new int[n], ImageShape.MNIST, index);
  }

  /** Every image converted by NetworkInput, then through {@code layer} of the plain-Java net. */
  static float[] expected(
      ImageSet images, OnnxConfig c, BiFunction<float[], Integer, double[]> layer) {
    NetworkInput in = c.preprocess();
    float[] x = new float[images.size() * in.valuesPerImage()];
    in.fill(images, 0, images.size(), x);
    List<Float> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      for (double v : layer.apply(x, i * in.valuesPerImage())) {
        out.add((float) v);
      }
    }
    float[] result = new float[out.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = out.get(i);
    }
    return result;
  }

  static BiFunction<float[], Integer, double[]> reference(String layer) {
    return switch (layer) {
      case "x" -> OnnxFeatureExtractorTest::converted;
      case "relu1" -> NET::relu1;
      case "pool" -> NET::pool;
      default -> NET::logits;
    };
  }

  /** The converted image itself: what layer {@code x} (the graph input) returns. */
  static double[] converted(float[] x, int offset) {
    double[] out = new double[TinyCnn.IN * TinyCnn.SIDE * TinyCnn.SIDE];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[offset + i];
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "pool, 3, 2",
    "pool, 7, 2",
    "pool, 64, 2",
    "relu1, 3, 128",
    "relu1, 1, 128",
    "logits, 3, 4",
    "'', 7, 4",
    "x, 3, 192"
  })
  void featuresEqualThePlainJavaNetwork(String layer, int batchSize, int dimension)
      throws IOException {
    ImageSet images = images(7, 11);
    float[] before = images.pixels().clone();
    OnnxConfig c = config(layer, batchSize);
    try (Featurizer f = EXTRACTOR.open(c, context(models))) {
      assertEquals(dimension, f.dimension());
      float[] features = f.extract(images);
      assertEquals(7 * dimension, features.length);
      assertArrayEquals(expected(images, c, reference(layer)), features, 1e-5f);
      float spread = 0;
      for (float v : features) {
        spread = Math.max(spread, Math.abs(v - features[0]));
      }
      assertTrue(spread > 0.01f, "features must vary, got spread " + spread);
    }
    assertArrayEquals(before, images.pixels(), "the images must stay untouched");
  }

  @Test
  void aFixedBatchDimensionIsFedFullBatches() throws IOException {
    NET.write(models.resolve("fixed/tiny2.onnx"), 2);
    ImageSet images = images(7, 12);
    OnnxConfig c = config("fixed/tiny2.onnx", "pool", 8, 64);
    try (Featurizer f = EXTRACTOR.open(c, context(models))) {
      assertArrayEquals(expected(images, c, NET::pool), f.extract(images), 1e-5f);
    }
  }

  @Test
  void externalWeightsAreFoundBesideTheModelAndHashed() throws IOException {
    Path folder = models.resolve("external");
    NET.writeExternal(folder.resolve("tiny.onnx"), "tiny.weights");
    ImageSet images = images(4, 14);
    OnnxConfig c = config("external/tiny.onnx", "pool", 8, 3);
    String key;
    try (Featurizer f = EXTRACTOR.open(c, context(models))) {
      assertArrayEquals(expected(images, c, NET::pool), f.extract(images), 1e-5f);
      key = f.cacheKey();
    }
    assertEquals(key(config("pool", 8)).length(), key.length());
    byte[] weights = Files.readAllBytes(folder.resolve("tiny.weights"));
    weights[0] ^= 1;
    Files.write(folder.resolve("tiny.weights"), weights);
    assertNotEquals(key, key(c), "the weights file is part of the model");
    Files.delete(folder.resolve("tiny.weights"));
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> key(c));
    assertTrue(e.getMessage().contains("'tiny.weights'"), e.getMessage());
  }

  @Test
  void oneThreadEqualsTwoAndProgressCountsImages() throws IOException {
    ImageSet images = images(5, 13);
    List<Long> steps = new ArrayList<>();
    Progress progress =
        new Progress() {
          @Override
          public void start(String task, long total) {
            steps.add(-total);
          }

          @Override
          public void advance(long n) {
            steps.add(n);
          }

          @Override
          public void done() {
            steps.add(0L);
          }
        };
    float[] one;
    try (Featurizer f = EXTRACTOR.open(config("relu1", 2), context(models))) {
      one = f.extract(images);
    }
    try (Featurizer f =
        EXTRACTOR.open(config("relu1", 2), new ExtractorContext(List.of(models), progress, 2))) {
      assertArrayEquals(one, f.extract(images), 1e-6f);
    }
    assertEquals(List.of(-5L, 2L, 2L, 1L, 0L), steps);
  }

  @Test
  void layersListEveryTensorInGraphOrder() throws IOException {
    List<FeatureLayer> layers = EXTRACTOR.layers(config("", 8), context(models));
    assertEquals(
        List.of(
            new FeatureLayer("x", List.of(-1L, 3L, 8L, 8L), "input"),
            new FeatureLayer("conv1", List.of(-1L), "Conv"),
            new FeatureLayer("relu1", List.of(-1L, 2L, 8L, 8L), "Relu"),
            new FeatureLayer("pool", List.of(-1L), "GlobalAveragePool"),
            new FeatureLayer("flat", List.of(-1L), "Flatten"),
            new FeatureLayer("logits", List.of(-1L, 4L), "Gemm")),
        layers);
  }

  @Test
  void aMissingFileNamesEveryPathTried() throws IOException {
    Path other = Files.createDirectories(models.resolve("other"));
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> EXTRACTOR.open(config("nothere.onnx", "", 8, 8), context(other, models)));
    assertTrue(e.getMessage().contains(other.resolve("nothere.onnx").toString()), e.getMessage());
    assertTrue(e.getMessage().contains(models.resolve("nothere.onnx").toString()), e.getMessage());
    assertThrows(
        FileNotFoundException.class,
        () -> EXTRACTOR.layers(config("nothere.onnx", "", 8, 8), context(models)));
  }

  @Test
  void anUnknownLayerListsTheCandidates() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EXTRACTOR.open(config("fc7", 8), context(models)));
    assertEquals(
        "layer: tiny.onnx has no tensor 'fc7'; its tensors (6): 'x', 'conv1', 'relu1', "
            + "'pool', 'flat', 'logits'",
        e.getMessage());
  }

  @Test
  void anInputSizeMismatchNamesInputModelShapeAndSize() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EXTRACTOR.open(config("tiny.onnx", "", 16, 8), context(models)));
    assertEquals(
        "model input 'x' is Nx3x8x8 but size is 16 (layout nchw feeds Nx3x16x16)", e.getMessage());
  }

  @Test
  void aChannelOrLayoutMismatchIsNamedToo() {
    OnnxConfig grey =
        new OnnxConfig(
            "tiny.onnx",
            "",
            "",
            new NetworkInput(8, 1, "nchw", "bilinear", List.of(0.5), List.of(0.5)),
            8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EXTRACTOR.open(grey, context(models)));
    assertEquals(
        "model input 'x' is Nx3x8x8 but channels is 1 (layout nchw feeds Nx1x8x8)", e.getMessage());
    OnnxConfig nhwc =
        new OnnxConfig(
            "tiny.onnx",
            "",
            "",
            new NetworkInput(8, 3, "nhwc", "bilinear", List.of(0.5), List.of(0.5)),
            8);
    e = assertThrows(IllegalArgumentException.class, () -> EXTRACTOR.open(nhwc, context(models)));
    assertEquals(
        "model input 'x' is Nx3x8x8 but size is 8 and channels is 3 (layout nhwc feeds "
            + "Nx8x8x3); the model looks nchw: set layout: nchw",
        e.getMessage());
  }

  @Test
  void anUnknownInputListsTheInputs() {
    OnnxConfig c =
        new OnnxConfig(
            "tiny.onnx",
            "data",
            "",
            new NetworkInput(8, 3, "nchw", "bilinear", List.of(0.5), List.of(0.5)),
            8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EXTRACTOR.open(c, context(models)));
    assertEquals("input: tiny.onnx has no input 'data'; its inputs: 'x'", e.getMessage());
  }

  @Test
  void notAnOnnxFileIsSaidSo() throws IOException {
    Files.writeString(models.resolve("text.onnx"), "not a model");
    IOException e =
        assertThrows(
            IOException.class,
            () -> EXTRACTOR.open(config("text.onnx", "", 8, 8), context(models)));
    assertTrue(
        e.getMessage().startsWith("path: " + models.resolve("text.onnx") + " is not an ONNX model"),
        e.getMessage());
  }

  @Test
  void cacheKeyFollowsLayerContentAndConversionNotThePath() throws IOException {
    Path copy =
        Files.copy(
            models.resolve("tiny.onnx"),
            Files.createDirectories(models.resolve("copy")).resolve("renamed.onnx"));
    TinyCnn.random(8).write(models.resolve("other.onnx"));
    String pool = key(config("pool", 8));
    assertEquals(pool, key(config("pool", 3)), "the batch size does not change features");
    assertEquals(pool, key(config(copy.toString(), "pool", 8, 8)));
    assertNotEquals(pool, key(config("relu1", 8)));
    assertNotEquals(pool, key(config("other.onnx", "pool", 8, 8)));
    assertNotEquals(
        pool,
        key(
            new OnnxConfig(
                "tiny.onnx",
                "",
                "pool",
                new NetworkInput(
                    8, 3, "nchw", "nearest", OnnxConfig.IMAGENET_MEAN, OnnxConfig.IMAGENET_STD),
                8)));
    assertEquals(key(config("logits", 8)), key(config("", 8)), "the default layer is logits");
  }

  static String key(OnnxConfig c) throws IOException {
    try (Featurizer f = EXTRACTOR.open(c, context(models))) {
      return f.cacheKey();
    }
  }

  @Test
  void aClosedFeaturizerRefusesWork() throws IOException {
    Featurizer f = EXTRACTOR.open(config("pool", 8), context(models));
    f.close();
    f.close();
    assertThrows(IllegalStateException.class, () -> f.extract(images(1, 1)));
  }
}
