package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.Splits;
import org.rmnist.api.io.IdxFile;

/** Synthetic MNIST-format files: 50,000 pool + 200 validation images, optional 30-image t10k. */
class RmnistDatasetTest {
  @TempDir Path dir;

  private final RmnistDataset dataset = new RmnistDataset();

  private void writePair(String images, String labels, int count) throws IOException {
    byte[] px = new byte[count * 784];
    byte[] lb = new byte[count];
    for (int i = 0; i < count; i++) {
      lb[i] = (byte) ((i * 7 + i / 10) % 10);
      px[i * 784 + (i % 784)] = (byte) 255;
      px[i * 784] = (byte) (i % 251);
    }
    IdxFile.write(dir.resolve(images), new int[] {count, 28, 28}, px);
    IdxFile.write(dir.resolve(labels), new int[] {count}, lb);
  }

  private Splits load(String protocol, int n, long draw) throws IOException {
    return dataset.load(
        new RmnistConfig(protocol, "", 255),
        new DatasetRequest(n, draw),
        new TestContext(List.of(dir.resolve("elsewhere"), dir)));
  }

  @Test
  void stratifiedDrawsNPerClassReproduciblyAndSeedsDiffer() throws IOException {
    writePair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 50_200);
    Splits a = load("stratified", 3, 1);
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, a.train().classCounts(10));
    assertArrayEquals(a.train().sourceIndices(), load("stratified", 3, 1).train().sourceIndices());
    assertFalse(
        java.util.Arrays.equals(
            a.train().sourceIndices(), load("stratified", 3, 2).train().sourceIndices()));
    for (int idx : a.train().sourceIndices()) {
      assertTrue(idx < RmnistDataset.POOL, "drawn only from the pool");
    }
    assertEquals(200, a.validation().size());
    assertEquals("1", a.provenance().get("draw_seed"));
    assertTrue(a.test().isEmpty());
  }

  @Test
  void nielsenProtocolIgnoresTheDrawSeed() throws IOException {
    writePair("train-images-idx3-ubyte", "train-labels-idx1-ubyte", 50_200);
    assertArrayEquals(
        load("nielsen2017", 2, 1).train().sourceIndices(),
        load("nielsen2017", 2, 9).train().sourceIndices());
    assertNotEquals(null, load("nielsen2017", 2, 1).provenance().get("train_indices"));
  }

  @Test
  void testSetIsReadWhenBothFilesArePresent() throws IOException {
    writePair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 50_200);
    writePair("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 30);
    Splits s = load("nielsen2017", 1, 0);
    assertEquals(30, s.test().orElseThrow().size());
    assertTrue(s.provenance().containsKey("sha256_t10k-images-idx3-ubyte"));
  }

  @Test
  void halfATestSetIsAnErrorNamingTheMissingFile() throws IOException {
    writePair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 50_200);
    writePair("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 30);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> load("nielsen2017", 1, 0));
    assertTrue(e.getFile().endsWith("t10k-labels-idx1-ubyte[.gz]"), e.getFile());
  }

  @Test
  void missingDataSaysWhereItLookedAndHowToGetIt() {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> load("nielsen2017", 1, 0));
    assertTrue(e.getReason().contains(dir.resolve("elsewhere").toString()), e.getReason());
    assertTrue(e.getReason().contains("HOW-TO-GET mnist"), e.getReason());
  }

  @Test
  void tooFewImagesOfAClassIsAClearError() throws IOException {
    writePair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 50_200);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> load("stratified", 6000, 0));
    assertTrue(e.getMessage().startsWith("n=6000 needs 6000 images of class 0"), e.getMessage());
  }

  @Test
  void configRejectsUnknownProtocol() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RmnistConfig("random", "", 255));
    assertEquals(
        "protocol: unknown value 'random', expected one of [nielsen2017, stratified]",
        e.getMessage());
  }
}
