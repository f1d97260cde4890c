package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataFormatException;
import org.rmnist.api.io.IdxFile;

/** The test pair: present, absent, or corrupt with a message of its own. */
class MnistFilesTest {
  @TempDir Path dir;

  private void writeTest(int count) throws IOException {
    byte[] px = new byte[count * 784];
    Arrays.fill(px, (byte) 7);
    byte[] lb = new byte[count];
    for (int i = 0; i < count; i++) {
      lb[i] = (byte) (i % 10);
    }
    IdxFile.write(dir.resolve(MnistFiles.TEST_IMAGES + ".gz"), new int[] {count, 28, 28}, px);
    IdxFile.write(dir.resolve(MnistFiles.TEST_LABELS + ".gz"), new int[] {count}, lb);
  }

  @Test
  void noTestFilesIsNoTestSet() throws IOException {
    assertTrue(new MnistFiles(dir).readTest().isEmpty());
  }

  @Test
  void aGoodTestPairIsRead() throws IOException {
    writeTest(12);
    assertEquals(12, new MnistFiles(dir).readTest().orElseThrow().images().count());
  }

  @Test
  void aCorruptT10kFailsNamingTheTestSetAndTheFile() throws IOException {
    writeTest(40);
    Path images = dir.resolve(MnistFiles.TEST_IMAGES + ".gz");
    byte[] all = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(all, all.length / 2));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> new MnistFiles(dir).readTest());
    assertTrue(
        e.getMessage()
            .startsWith(
                "the test set (t10k) in "
                    + dir
                    + " is unreadable: "
                    + images
                    + ": corrupt gzip stream ("),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                ". Replace both t10k files with good copies, or remove "
                    + "both to run without a test set"),
        e.getMessage());
  }

  @Test
  void t10kLabelsOutOfRangeNameTheTestSetToo() throws IOException {
    writeTest(5);
    IdxFile.write(
        dir.resolve(MnistFiles.TEST_LABELS + ".gz"), new int[] {5}, new byte[] {0, 1, 12, 3, 4});
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> new MnistFiles(dir).readTest());
    assertTrue(
        e.getMessage()
            .startsWith(
                "the test set (t10k) in "
                    + dir
                    + " is unreadable: "
                    + dir.resolve(MnistFiles.TEST_LABELS + ".gz")
                    + ": label 12 at byte 10"),
        e.getMessage());
  }
}
