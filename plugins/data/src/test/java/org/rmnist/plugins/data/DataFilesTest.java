package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.DataFile;
import org.rmnist.api.io.IdxFile;

/** The files a dataset tells the host it reads, so the host can hash them before training. */
class DataFilesTest {
  @TempDir Path dir;

  private void write(String name, int[] dims) throws IOException {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    IdxFile.write(dir.resolve(name), dims, new byte[size]);
  }

  @Test
  void rmnistListsTheTrainingPairAndTheTestFilesThatAreThere() throws IOException {
    write("train-images-idx3-ubyte.gz", new int[] {3, 28, 28});
    write("train-labels-idx1-ubyte", new int[] {3});
    TestContext ctx = new TestContext(List.of(dir));
    RmnistConfig config = RmnistConfig.defaults();
    assertEquals(
        List.of(
            new DataFile(
                "mnist", "train-images-idx3-ubyte", dir.resolve("train-images-idx3-ubyte.gz")),
            new DataFile(
                "mnist", "train-labels-idx1-ubyte", dir.resolve("train-labels-idx1-ubyte"))),
        new RmnistDataset().files(config, ctx));
    write("t10k-images-idx3-ubyte.gz", new int[] {2, 28, 28});
    write("t10k-labels-idx1-ubyte.gz", new int[] {2});
    assertEquals(
        List.of(
            "train-images-idx3-ubyte",
            "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"),
        new RmnistDataset().files(config, ctx).stream().map(DataFile::name).toList());
  }

  @Test
  void aMissingFolderOrLabelFileIsTheErrorLoadWouldGive() throws IOException {
    TestContext ctx = new TestContext(List.of(dir));
    NoSuchFileException none =
        assertThrows(
            NoSuchFileException.class,
            () -> new RmnistDataset().files(RmnistConfig.defaults(), ctx));
    assertTrue(none.getReason().contains("HOW-TO-GET mnist"), none.getReason());
    write("train-images-idx3-ubyte", new int[] {3, 28, 28});
    NoSuchFileException labels =
        assertThrows(
            NoSuchFileException.class,
            () -> new RmnistDataset().files(RmnistConfig.defaults(), ctx));
    assertEquals(dir.resolve("train-labels-idx1-ubyte") + "[.gz]", labels.getFile());
  }

  @Test
  void fashionMnistNamesItsOwnDataSet() throws IOException {
    write("train-images-idx3-ubyte", new int[] {3, 28, 28});
    write("train-labels-idx1-ubyte", new int[] {3});
    List<DataFile> files =
        new FashionMnistDataset(List.of(), Map.of())
            .files(FashionMnistConfig.defaults(), new TestContext(List.of(dir)));
    assertEquals(2, files.size());
    assertTrue(files.stream().allMatch(f -> f.dataset().equals("fashion-mnist")), files.toString());
  }
}
