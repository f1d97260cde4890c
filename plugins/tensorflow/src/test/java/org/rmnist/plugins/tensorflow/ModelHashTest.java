package org.rmnist.plugins.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Progress;
import org.rmnist.plugins.tensorflow.SavedModels.Dense;

/** The model hash the host puts into run hashes: the SavedModel as it is now. */
class ModelHashTest {
  static final TensorflowFeatureExtractor EXTRACTOR = new TensorflowFeatureExtractor();

  @TempDir Path models;

  private String hash(String path) throws IOException {
    TensorflowConfig c = TensorflowFeatureExtractorTest.config(path, "serving_default", "");
    return EXTRACTOR
        .modelSha256(c, new ExtractorContext(List.of(models), Progress.NONE, 1))
        .orElseThrow();
  }

  @Test
  void theHashIsTheFoldersAndFollowsAChangedVariablesFile() throws IOException {
    Path dir =
        SavedModels.write(
            models.resolve("net"), new long[] {-1, 28, 28, 1}, Dense.random(784, 4, 3));
    String first = hash("net");
    assertEquals(ModelFolder.sha256(dir), first);
    assertEquals(first, hash("net"), "the same folder, the same hash");
    Path data;
    try (Stream<Path> s = Files.list(dir.resolve("variables"))) {
      data = s.filter(p -> p.getFileName().toString().contains(".data-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length - 1] ^= 1;
    FileTime before = Files.getLastModifiedTime(data);
    Files.write(data, bytes);
    Files.setLastModifiedTime(data, FileTime.fromMillis(before.toMillis() + 2000));
    assertNotEquals(first, hash("net"), "changed weights, another hash (not the cached one)");
  }

  @Test
  void aMissingFolderIsAnError() {
    assertThrows(FileNotFoundException.class, () -> hash("gone"));
  }
}
