package org.rmnist.plugins.data;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.io.IdxFile;

/** The cache keeps more than one folder, so alternating data sets do not re-read files. */
class MnistCacheTest {
  @TempDir Path dir;

  private MnistFiles folder(String name) throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    IdxFile.write(d.resolve("train-images-idx3-ubyte"), new int[] {2, 28, 28}, new byte[2 * 784]);
    IdxFile.write(d.resolve("train-labels-idx1-ubyte"), new int[] {2}, new byte[] {0, 1});
    return new MnistFiles(d);
  }

  @Test
  void twoFoldersStayCachedTogether() throws IOException {
    MnistFiles a = folder("a");
    MnistFiles b = folder("b");
    MnistFiles.Pair first = MnistCache.trainPair(a);
    MnistCache.trainPair(b);
    assertSame(first, MnistCache.trainPair(a));
  }
}
