package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  @TempDir Path dir;

  private int readInt() throws IOException {
    return ModelFiles.read(dir, "knn.bin", "rmnist-knn", (in, where) -> in.readInt());
  }

  @Test
  void aWriteThatFailsKeepsTheSavedModelAndLeavesNoTempFile() throws IOException {
    ModelFiles.write(dir, "knn.bin", "rmnist-knn", out -> out.writeInt(42));
    assertEquals(42, readInt());
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ModelFiles.write(
                    dir,
                    "knn.bin",
                    "rmnist-knn",
                    out -> {
                      out.writeInt(7);
                      throw new IOException("killed");
                    }));
    assertEquals("killed", e.getMessage());
    assertEquals(42, readInt());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("knn.bin"), files.map(p -> p.getFileName().toString()).toList());
    }
  }
}
