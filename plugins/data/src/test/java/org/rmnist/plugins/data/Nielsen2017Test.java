package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.DatasetRequest;
import org.rmnist.api.Splits;

/** The facts of docs/nielsen-protocol.md, on the real MNIST training file. */
class Nielsen2017Test {
  private final RmnistDataset dataset = new RmnistDataset();

  private Splits load(int n) throws IOException {
    return dataset.load(
        new RmnistConfig("nielsen2017", RealMnist.dir().toString(), 256),
        new DatasetRequest(n, 0),
        new TestContext(List.of()));
  }

  @Test
  void rmnist1IsNielsensInTrainingOrder() throws IOException {
    Splits s = load(1);
    assertArrayEquals(
        new int[] {33580, 6660, 21807, 47906, 2051, 45569, 39110, 18109, 8582, 30747},
        s.train().sourceIndices());
    assertArrayEquals(new int[] {1, 5, 9, 7, 0, 6, 4, 8, 2, 3}, s.train().labels());
  }

  @Test
  void rmnist5And10StartAsNielsens() throws IOException {
    Splits five = load(5);
    assertArrayEquals(
        new int[] {44590, 41958, 48751, 22008, 45194, 34839, 47477, 2051, 42655, 42111},
        Arrays.copyOf(five.train().sourceIndices(), 10));
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, five.train().classCounts(10));
    Splits ten = load(10);
    assertArrayEquals(
        new int[] {30453, 23596, 22008, 40569, 22607, 31188, 32972, 48801, 42899, 2051},
        Arrays.copyOf(ten.train().sourceIndices(), 10));
    assertEquals(100, ten.train().size());
  }

  @Test
  void validationIsImages50000To59999AndPixelsAreByteOver256() throws IOException {
    Splits s = load(1);
    assertEquals(10_000, s.validation().size());
    assertEquals(50_000, s.validation().sourceIndices()[0]);
    assertEquals(59_999, s.validation().sourceIndices()[9_999]);
    float max = 0;
    for (float v : s.train().pixels()) {
      max = Math.max(max, v);
    }
    assertEquals(255f / 256f, max);
    assertEquals(
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        s.provenance().get("sha256_train-images-idx3-ubyte"));
    assertEquals(true, s.test().isEmpty(), "the shared folder has no t10k files");
  }

  @Test
  void nZeroIsTheWholePool() throws IOException {
    Splits s = load(0);
    assertEquals(50_000, s.train().size());
    assertEquals(49_999, s.train().sourceIndices()[49_999]);
    assertEquals("full-pool", s.provenance().get("protocol"));
  }
}
