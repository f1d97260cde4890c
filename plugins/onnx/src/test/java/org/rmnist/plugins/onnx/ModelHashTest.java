package org.rmnist.plugins.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.Progress;

/** The model hash the host puts into run hashes: the file as it is now, external data included. */
class ModelHashTest {
  static final OnnxFeatureExtractor EXTRACTOR = new OnnxFeatureExtractor();

  @TempDir Path models;

  private String hash(String path) throws IOException {
    OnnxConfig c = OnnxFeatureExtractorTest.config(path, "pool", 8, 3);
    return EXTRACTOR
        .modelSha256(c, new ExtractorContext(List.of(models), Progress.NONE, 1))
        .orElseThrow();
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void aSingleFileModelHashesToItsBytesAndAReplacedFileToItsNewBytes() throws Exception {
    Path file = TinyCnn.random(7).write(models.resolve("tiny.onnx"));
    assertEquals(
        sha256(Files.readAllBytes(file)),
        hash("tiny.onnx"),
        "the same SHA-256 a model manifest pins");
    FileTime before = Files.getLastModifiedTime(file);
    TinyCnn.random(8).write(file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
    assertEquals(
        sha256(Files.readAllBytes(file)),
        hash("tiny.onnx"),
        "a file changed in place is hashed again, not served from the cache");
  }

  @Test
  void externalWeightsArePartOfTheHash() throws Exception {
    Path file = TinyCnn.random(7).writeExternal(models.resolve("ext/tiny.onnx"), "tiny.weights");
    String first = hash("ext/tiny.onnx");
    assertNotEquals(sha256(Files.readAllBytes(file)), first);
    Path weights = file.resolveSibling("tiny.weights");
    byte[] w = Files.readAllBytes(weights);
    w[0] ^= 1;
    FileTime before = Files.getLastModifiedTime(weights);
    Files.write(weights, w);
    Files.setLastModifiedTime(weights, FileTime.fromMillis(before.toMillis() + 2000));
    assertNotEquals(first, hash("ext/tiny.onnx"), "changed weights, another hash");
  }

  @Test
  void aMissingModelNamesThePlacesTried() {
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> hash("gone.onnx"));
    assertTrue(e.getMessage().contains(models.resolve("gone.onnx").toString()), e.getMessage());
  }
}
