package org.rmnist.plugins.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.NetworkInput;
import org.rmnist.api.Progress;
import org.rmnist.plugins.tensorflow.SavedModels.Dense;

/** The extractor on SavedModels written by TensorFlow Java, checked against plain Java. */
class TensorflowFeatureExtractorTest {
  static final TensorflowFeatureExtractor EXTRACTOR = new TensorflowFeatureExtractor();

  @TempDir static Path models;
  static Path mnist;
  static Dense mnistDense;

  @BeforeAll
  static void writeModels() throws IOException {
    mnistDense = Dense.random(784, 16, 11);
    mnist = SavedModels.write(models.resolve("mnist"), new long[] {-1, 28, 28, 1}, mnistDense);
  }

  static TensorflowConfig config(
      String path,
      String signature,
      String output,
      int size,
      int channels,
      String layout,
      List<Double> mean,
      List<Double> std,
      int batchSize) {
    return new TensorflowConfig(
        path,
        signature,
        "",
        output,
        new NetworkInput(size, channels, layout, "bilinear", mean, std),
        batchSize);
  }

  /** Defaults but for the model, signature and output, and batches of 8. */
  static TensorflowConfig config(Object path, String signature, String output) {
    return config(path.toString(), signature, output, 28, 1, "nhwc", List.of(0.0), List.of(1.0), 8);
  }

  static ExtractorContext context(Path... roots) {
    return new ExtractorContext(List.of(roots), Progress.NONE, 1);
  }

  static Featurizer open(TensorflowConfig config, Path... roots) throws IOException {
    return EXTRACTOR.open(config, context(roots));
  }

  /** Every image through the dense layer in plain Java. */
  static float[] expected(ImageSet images, Dense dense, boolean relu) {
    float[] out = new float[images.size() * dense.out()];
    for (int i = 0; i < images.size(); i++) {
      float[] y = dense.apply(images.pixels(), images.offset(i), relu);
      System.arraycopy(y, 0, out, i * dense.out(), dense.out());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 256})
  void featuresEqualThePlainJavaLayerForAnyBatchSize(int batchSize) throws IOException {
    ImageSet images = Reference.images(7, ImageShape.MNIST, 21);
    float[] before = images.pixels().clone();
    TensorflowConfig c =
        config(
            "mnist",
            "serving_default",
            "features",
            28,
            1,
            "nhwc",
            List.of(0.0),
            List.of(1.0),
            batchSize);
    try (Featurizer f = open(c, models)) {
      assertEquals(16, f.dimension());
      float[] features = f.extract(images);
      assertArrayEquals(expected(images, mnistDense, true), features, 1e-5f);
      assertTrue(Stream.of(0, 1, 2).anyMatch(i -> features[i] == 0f), "relu cut something");
      assertArrayEquals(before, images.pixels(), "input untouched");
    }
  }

  @Test
  void theLogitsOutputSkipsTheRelu() throws IOException {
    ImageSet images = Reference.images(5, ImageShape.MNIST, 22);
    TensorflowConfig c =
        config(
            mnist.toString(),
            "serving_default",
            "logits",
            28,
            1,
            "nhwc",
            List.of(0.0),
            List.of(1.0),
            2);
    try (Featurizer f = open(c)) {
      float[] logits = f.extract(images);
      assertArrayEquals(expected(images, mnistDense, false), logits, 1e-5f);
      assertTrue(logits[0] < 0 || logits[1] < 0 || logits[2] < 0, "some logit is negative");
    }
  }

  @Test
  void oneThreadAndTwoThreadsAgreeAndAnEmptySetGivesNothing() throws IOException {
    ImageSet images = Reference.images(9, ImageShape.MNIST, 23);
    TensorflowConfig c =
        config(
            "mnist", "serving_default", "features", 28, 1, "nhwc", List.of(0.0), List.of(1.0), 4);
    try (Featurizer one =
            EXTRACTOR.open(c, new ExtractorContext(List.of(models), Progress.NONE, 1));
        Featurizer two =
            EXTRACTOR.open(c, new ExtractorContext(List.of(models), Progress.NONE, 2))) {
      assertArrayEquals(one.extract(images), two.extract(images));
      assertEquals(0, one.extract(images.select(new int[0])).length);
    }
  }

  @Test
  void size32ThreeChannelsNchwWithMeanAndStd(@TempDir Path dir) throws IOException {
    Dense dense = Dense.random(3 * 32 * 32, 5, 31);
    SavedModels.write(dir.resolve("rgb"), new long[] {-1, 3, 32, 32}, dense);
    ImageSet images = Reference.images(4, ImageShape.MNIST, 32);
    double[] mean = {0.1, 0.2, 0.3};
    double[] std = {0.5, 0.25, 2};
    TensorflowConfig c =
        config(
            "rgb",
            "serving_default",
            "logits",
            32,
            3,
            "nchw",
            List.of(0.1, 0.2, 0.3),
            List.of(0.5, 0.25, 2.0),
            3);
    float[] want = new float[4 * 5];
    for (int i = 0; i < 4; i++) {
      float[] x = Reference.input(images, i, 32, 3, true, mean, std);
      System.arraycopy(dense.apply(x, 0, false), 0, want, i * 5, 5);
    }
    try (Featurizer f = open(c, dir)) {
      assertEquals(5, f.dimension());
      assertArrayEquals(want, f.extract(images), 1e-4f);
    }
  }

  @Test
  void anOpenOutputShapeIsProbedAndNhwcInterleavesChannels(@TempDir Path dir) throws IOException {
    SavedModels.write(dir.resolve("free"), null, Dense.random(784, 2, 41));
    ImageSet images = Reference.images(3, ImageShape.MNIST, 42);
    TensorflowConfig c =
        config("free", "pixels", "", 20, 3, "nhwc", List.of(0.5), List.of(0.25, 0.5, 1.0), 2);
    try (Featurizer f = open(c, dir)) {
      assertEquals(20 * 20 * 3, f.dimension());
      float[] got = f.extract(images);
      for (int i = 0; i < 3; i++) {
        float[] want =
            Reference.input(
                images, i, 20, 3, false, new double[] {0.5, 0.5, 0.5}, new double[] {0.25, 0.5, 1});
        float[] row = new float[want.length];
        System.arraycopy(got, i * want.length, row, 0, want.length);
        assertArrayEquals(want, row, 1e-5f, "image " + i);
      }
    }
  }

  @Test
  void aFixedBatchSizeIsPaddedAndMustBeTheConfiguredOne(@TempDir Path dir) throws IOException {
    Dense dense = Dense.random(784, 3, 51);
    SavedModels.write(dir.resolve("fixed"), new long[] {4, 28, 28, 1}, dense);
    ImageSet images = Reference.images(7, ImageShape.MNIST, 52);
    TensorflowConfig c =
        config(
            "fixed", "serving_default", "features", 28, 1, "nhwc", List.of(0.0), List.of(1.0), 4);
    try (Featurizer f = open(c, dir)) {
      assertArrayEquals(expected(images, dense, true), f.extract(images), 1e-5f);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                open(
                    config(
                        "fixed",
                        "serving_default",
                        "features",
                        28,
                        1,
                        "nhwc",
                        List.of(0.0),
                        List.of(1.0),
                        3),
                    dir));
    assertEquals(
        "batchSize: input 'image' of signature 'serving_default' has a fixed batch size"
            + " of 4, got batchSize: 3; set batchSize: 4",
        e.getMessage());
  }

  @Test
  void aMissingFolderNamesEveryPathTried(@TempDir Path a, @TempDir Path b) {
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> open(config("nets/lenet", "serving_default", ""), a, b));
    assertEquals(
        "path: no SavedModel folder (one holding saved_model.pb or saved_model.pbtxt) "
            + "at 'nets/lenet'; tried "
            + a.resolve("nets/lenet")
            + ", "
            + b.resolve("nets/lenet"),
        e.getMessage());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> open(TensorflowConfig.defaults(), a));
    assertEquals(
        "path: must name a SavedModel folder (absolute or relative to a model root), " + "got ''",
        empty.getMessage());
  }

  @Test
  void rootsAreTriedInOrder(@TempDir Path empty) throws IOException {
    try (Featurizer f = open(config("mnist", "serving_default", "features"), empty, models)) {
      assertEquals(16, f.dimension());
    }
  }

  @Test
  void unknownSignatureInputAndOutputListTheAvailableOnes() {
    assertFails(
        "signature: no signature 'serve' in " + mnist + "; available: pixels, " + "serving_default",
        config(mnist, "serve", ""));
    assertFails(
        "output: signature 'serving_default' has no output 'probs'; available: "
            + "features, logits",
        config(mnist, "serving_default", "probs"));
    assertFails(
        "output: signature 'serving_default' has 2 outputs, so name one; available: "
            + "features, logits",
        config(mnist, "serving_default", ""));
    assertFails(
        "input: signature 'serving_default' has no input 'x'; available: image",
        new TensorflowConfig(
            mnist.toString(),
            "serving_default",
            "x",
            "features",
            new NetworkInput(28, 1, "nhwc", "bilinear", List.of(0.0), List.of(1.0)),
            8));
  }

  @Test
  void anInputShapeMismatchSaysWhatToSet() {
    String prefix =
        "input 'image' of signature 'serving_default' has shape [-1, 28, 28, 1] "
            + "(-1 = any), but ";
    String suffix = "; set size, channels and layout to match the model";
    assertFails(
        prefix + "size: 32, channels: 1, layout: nhwc feed [batch, 32, 32, 1]" + suffix,
        config(
            mnist.toString(),
            "serving_default",
            "features",
            32,
            1,
            "nhwc",
            List.of(0.0),
            List.of(1.0),
            8));
    assertFails(
        prefix + "size: 28, channels: 3, layout: nhwc feed [batch, 28, 28, 3]" + suffix,
        config(
            mnist.toString(),
            "serving_default",
            "features",
            28,
            3,
            "nhwc",
            List.of(0.0),
            List.of(1.0),
            8));
    assertFails(
        prefix + "size: 28, channels: 1, layout: nchw feed [batch, 1, 28, 28]" + suffix,
        config(
            mnist.toString(),
            "serving_default",
            "features",
            28,
            1,
            "nchw",
            List.of(0.0),
            List.of(1.0),
            8));
  }

  @Test
  void imagesWithTwoChannelsAreRefused() throws IOException {
    try (Featurizer f = open(config("mnist", "serving_default", "features"), models)) {
      ImageSet two = Reference.images(1, new ImageShape(2, 28, 28), 1);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.extract(two));
      assertEquals(
          "expected grey images (1 channel, copied to each of the 1 the model takes), "
              + "got 2x28x28",
          e.getMessage());
    }
  }

  @Test
  void cacheKeyFollowsModelContentOutputAndPreprocessing(@TempDir Path dir) throws IOException {
    Path copy = Files.createDirectories(dir.resolve("elsewhere/copy"));
    copyTree(mnist, copy);
    // the graph file of mnist with the variables of another export: only the weights differ
    Dense other = Dense.random(784, 16, 12);
    Path donor = SavedModels.write(dir.resolve("donor"), new long[] {-1, 28, 28, 1}, other);
    Path reweighted = Files.createDirectories(dir.resolve("reweighted"));
    copyTree(mnist, reweighted);
    copyTree(donor.resolve("variables"), reweighted.resolve("variables"));
    Path again = SavedModels.write(dir.resolve("again"), new long[] {-1, 28, 28, 1}, mnistDense);
    TensorflowConfig c = config(mnist, "serving_default", "features");
    String key = key(c);
    assertTrue(key.matches("tensorflow-[0-9a-f]{64}"), key);
    assertEquals(key, key(config(copy, "serving_default", "features")), "same content elsewhere");
    assertEquals(key, key(config(again, "serving_default", "features")), "exported again");
    assertEquals(
        key,
        key(
            config(
                mnist.toString(),
                "serving_default",
                "features",
                28,
                1,
                "nhwc",
                List.of(0.0),
                List.of(1.0),
                5)),
        "batch size does not change features");
    assertNotEquals(key, key(config(reweighted, "serving_default", "features")), "weights");
    assertNotEquals(key, key(config(mnist, "serving_default", "logits")), "output key");
    assertNotEquals(
        key,
        key(
            new TensorflowConfig(
                c.path(),
                c.signature(),
                "",
                "features",
                new NetworkInput(28, 1, "nhwc", "bilinear", List.of(0.1), List.of(1.0)),
                8)),
        "mean");
    assertNotEquals(
        key,
        key(
            new TensorflowConfig(
                c.path(),
                c.signature(),
                "",
                "features",
                new NetworkInput(28, 1, "nhwc", "bilinear", List.of(0.0), List.of(0.5)),
                8)),
        "std");
  }

  @Test
  void closingTwiceIsFineAndExtractAfterCloseFails() throws IOException {
    Featurizer f = open(config("mnist", "serving_default", "features"), models);
    f.close();
    f.close();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> f.extract(Reference.images(1, ImageShape.MNIST, 1)));
    assertEquals("the tensorflow featurizer is closed", e.getMessage());
  }

  @Test
  void weightsComeFromTheVariablesFolder(@TempDir Path dir) throws IOException {
    Dense other = Dense.random(784, 16, 13);
    Path donor = SavedModels.write(dir.resolve("donor"), new long[] {-1, 28, 28, 1}, other);
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    copyTree(mnist, mixed);
    copyTree(donor.resolve("variables"), mixed.resolve("variables"));
    ImageSet images = Reference.images(3, ImageShape.MNIST, 61);
    try (Featurizer f = open(config(mixed, "serving_default", "logits"))) {
      assertArrayEquals(expected(images, other, false), f.extract(images), 1e-5f);
    }
  }

  private static String key(TensorflowConfig c) throws IOException {
    try (Featurizer f = open(c)) {
      return f.cacheKey();
    }
  }

  private static void assertFails(String message, TensorflowConfig c) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(c));
    assertEquals(message, e.getMessage());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
