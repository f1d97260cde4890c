package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.Splits;
import org.rmnist.api.io.IdxFile;

/**
 * Tiny Fashion-MNIST-format files in a temporary folder (130 training images: a pool of 100 and 30
 * for validation); no test depends on Debian's package but the last, which uses it when present.
 */
class FashionMnistDatasetTest {
  @TempDir Path dir;

  /** Looks only where the test says and pins no hashes. */
  private final FashionMnistDataset unpinned = new FashionMnistDataset(List.of(), Map.of());

  /** Writes {@code count} images of 28x28 whose first pixel is {@code first + i} (mod 256). */
  private static void writePair(Path folder, String kind, int count, int first) throws IOException {
    Files.createDirectories(folder);
    byte[] px = new byte[count * 784];
    byte[] lb = new byte[count];
    for (int i = 0; i < count; i++) {
      lb[i] = (byte) ((i * 3 + i / 10) % 10);
      px[i * 784] = (byte) (first + i);
      px[i * 784 + 400] = (byte) 255;
    }
    IdxFile.write(folder.resolve(kind + "-images-idx3-ubyte.gz"), new int[] {count, 28, 28}, px);
    IdxFile.write(folder.resolve(kind + "-labels-idx1-ubyte.gz"), new int[] {count}, lb);
  }

  private Splits load(FashionMnistDataset dataset, String path, int validation, int n, long seed)
      throws IOException {
    return dataset.load(
        new FashionMnistConfig(path, validation, 256),
        new DatasetRequest(n, seed),
        new TestContext(List.of(dir.resolve("elsewhere"), dir)));
  }

  @Test
  void nZeroGivesTheWholePoolAndTheLastImagesValidate() throws IOException {
    writePair(dir, "train", 130, 0);
    Splits s = load(unpinned, "", 30, 0, 7);
    assertEquals(100, s.train().size());
    assertArrayEquals(MnistFiles.range(0, 100), s.train().sourceIndices());
    assertArrayEquals(MnistFiles.range(100, 130), s.validation().sourceIndices());
    assertEquals(10, s.classes());
    assertEquals(5 / 256f, s.train().pixels()[s.train().offset(5)]);
    assertEquals(255 / 256f, s.validation().pixels()[400]);
    assertTrue(s.test().isEmpty());
    assertEquals("full-pool", s.provenance().get("protocol"));
    assertEquals("100..129", s.provenance().get("validation_indices"));
    assertEquals("130", s.provenance().get("train_file_images"));
    assertFalse(s.provenance().containsKey("draw_seed"));
    assertTrue(s.provenance().get("class_names").startsWith("T-shirt/top,Trouser,"));
  }

  @Test
  void stratifiedNGivesNPerClassFromThePoolReproducibly() throws IOException {
    writePair(dir, "train", 130, 0);
    Splits a = load(unpinned, "", 30, 3, 1);
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, a.train().classCounts(10));
    assertTrue(Arrays.stream(a.train().sourceIndices()).allMatch(i -> i < 100), "pool only");
    assertArrayEquals(
        a.train().sourceIndices(), load(unpinned, "", 30, 3, 1).train().sourceIndices());
    assertFalse(
        Arrays.equals(
            a.train().sourceIndices(), load(unpinned, "", 30, 3, 2).train().sourceIndices()));
    assertEquals("stratified", a.provenance().get("protocol"));
    assertEquals("1", a.provenance().get("draw_seed"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> load(unpinned, "", 30, 11, 1));
    assertTrue(e.getMessage().startsWith("n=11 needs 11 images of class 0"), e.getMessage());
  }

  @Test
  void testSplitComesFromT10kWithItsHashes() throws IOException {
    writePair(dir, "train", 130, 0);
    writePair(dir, "t10k", 20, 9);
    Splits s = load(unpinned, dir.toString(), 30, 0, 0);
    assertEquals(20, s.test().orElseThrow().size());
    assertEquals("20", s.provenance().get("test_images"));
    assertEquals(
        IdxFile.contentSha256(dir.resolve("t10k-images-idx3-ubyte.gz")),
        s.provenance().get("sha256_t10k-images-idx3-ubyte"));
    assertEquals(
        IdxFile.contentSha256(dir.resolve("train-labels-idx1-ubyte.gz")),
        s.provenance().get("sha256_train-labels-idx1-ubyte"));
  }

  @Test
  void builtInFoldersComeBeforeTheContextsFolders() throws IOException {
    Path debian = dir.resolve("debian");
    writePair(debian, "train", 140, 0);
    writePair(dir, "train", 130, 0);
    Splits s = load(new FashionMnistDataset(List.of(debian), Map.of()), "", 30, 0, 0);
    assertEquals(110, s.train().size());
    assertEquals(debian.toString(), s.provenance().get("data_dir"));
  }

  @Test
  void missingFilesNameEveryFolderTriedAndTheDebianPackage() {
    Path debian = dir.resolve("no-debian");
    NoSuchFileException e =
        assertThrows(
            NoSuchFileException.class,
            () -> load(new FashionMnistDataset(List.of(debian), Map.of()), "", 30, 0, 0));
    assertEquals("train-images-idx3-ubyte[.gz]", e.getFile());
    assertTrue(
        e.getReason()
            .startsWith(
                "Fashion-MNIST not found in "
                    + debian
                    + ", "
                    + dir.resolve("elsewhere")
                    + ", "
                    + dir
                    + ". Install Debian's package "
                    + "dataset-fashion-mnist"),
        e.getReason());
    assertTrue(e.getReason().endsWith("HOW-TO-GET fashion-mnist"), e.getReason());
    NoSuchFileException given =
        assertThrows(
            NoSuchFileException.class,
            () -> load(unpinned, dir.resolve("mine").toString(), 30, 0, 0));
    assertEquals(dir.resolve("mine").resolve("train-images-idx3-ubyte") + "[.gz]", given.getFile());
  }

  @Test
  void filesThatAreNotThePublishedOnesAreRefused() throws IOException {
    writePair(dir, "train", 130, 0);
    FashionMnistDataset pinned = new FashionMnistDataset(List.of(), FashionMnistDataset.SHA256);
    String found = IdxFile.contentSha256(dir.resolve("train-labels-idx1-ubyte.gz"));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> load(pinned, dir.toString(), 30, 0, 0));
    assertEquals(
        dir.resolve("train-labels-idx1-ubyte.gz")
            + ": content SHA-256 "
            + found
            + " is not Fashion-MNIST's "
            + "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        e.getMessage());
    NoSuchFileException searched =
        assertThrows(NoSuchFileException.class, () -> load(pinned, "", 30, 0, 0));
    assertTrue(
        searched.getReason().contains(dir + " (passed over: " + e.getMessage() + ")"),
        searched.getReason());
  }

  @Test
  void aFolderWithOtherLabelsIsPassedOverAndImagesAreCheckedToo() throws IOException {
    Path good = dir.resolve("good");
    writePair(dir, "train", 131, 0);
    writePair(good, "train", 130, 1);
    String labels = IdxFile.contentSha256(good.resolve("train-labels-idx1-ubyte.gz"));
    String images = IdxFile.contentSha256(good.resolve("train-images-idx3-ubyte.gz"));
    FashionMnistDataset pins =
        new FashionMnistDataset(
            List.of(dir, good),
            Map.of(MnistFiles.TRAIN_LABELS, labels, MnistFiles.TRAIN_IMAGES, images));
    Splits s = load(pins, "", 30, 0, 0);
    assertEquals(good.toString(), s.provenance().get("data_dir"));
    FashionMnistDataset wrongImages =
        new FashionMnistDataset(
            List.of(good),
            Map.of(MnistFiles.TRAIN_LABELS, labels, MnistFiles.TRAIN_IMAGES, "0".repeat(64)));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> load(wrongImages, "", 30, 0, 0));
    assertTrue(
        e.getMessage()
            .startsWith(good.resolve("train-images-idx3-ubyte.gz") + ": content SHA-256 " + images),
        e.getMessage());
  }

  @Test
  void validationMustLeaveTrainingImages() throws IOException {
    writePair(dir, "train", 130, 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> load(unpinned, "", 130, 0, 0));
    assertEquals(
        "validation: 130 leaves no training images: "
            + dir.resolve("train-images-idx3-ubyte.gz")
            + " holds 130",
        e.getMessage());
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new FashionMnistConfig("", 0, 256));
    assertTrue(zero.getMessage().startsWith("validation: must be >= 1"), zero.getMessage());
  }

  @Test
  void theDebianFilesWhenInstalled() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        MnistFiles.find(List.of(FashionMnistDataset.DEBIAN_DIR)).isPresent(),
        "Debian's dataset-fashion-mnist is not installed");
    FashionMnistDataset dataset = new FashionMnistDataset();
    TestContext nowhere = new TestContext(List.of());
    FashionMnistConfig config = dataset.defaults();
    Splits all = dataset.load(config, new DatasetRequest(0, 0), nowhere);
    assertEquals(50_000, all.train().size());
    assertEquals(10_000, all.validation().size());
    assertEquals(10_000, all.test().orElseThrow().size());
    assertEquals(9, all.train().labels()[0], "the first training image is an ankle boot");
    FashionMnistDataset.SHA256.forEach(
        (base, sha) -> assertEquals(sha, all.provenance().get("sha256_" + base), base));
    Splits five = dataset.load(config, new DatasetRequest(5, 3), nowhere);
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, five.train().classCounts(10));
  }
}
