package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs {@code bin/rmnist} (the real launcher over dist/target/rmnist) and captures its output. */
final class Cli {
  private Cli() {}

  static final Path ROOT =
      Path.of(System.getProperty("rmnist.home", "..")).toAbsolutePath().normalize();

  /** Exit code and combined output of one command. */
  record Result(int exit, String out) {}

  static Result rmnist(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/rmnist").toString()));
    cmd.addAll(List.of(args));
    return exec(ROOT, env, 600, cmd);
  }

  static Result exec(Path dir, Map<String, String> env, int timeoutSeconds, List<String> cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    String dist = System.getProperty("rmnist.dist");
    if (dist != null && !dist.isBlank()) {
      pb.environment().put("RMNIST_DIST", dist); // the distribution this build assembled
    }
    pb.environment().putAll(env);
    Path log = Files.createTempFile("rmnist-cli", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(cmd + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(p.exitValue(), out);
  }

  /** The MNIST folder (RMNIST_DATA, else ../shared/mnist); absent: skip, or fail under CI=true. */
  static Path mnist() {
    String env = System.getenv("RMNIST_DATA");
    // A relative RMNIST_DATA is relative to the project root, where README's command runs.
    Path dir =
        env != null && !env.isBlank()
            ? ROOT.resolve(env).normalize()
            : ROOT.resolve("../shared/mnist").normalize();
    if (!Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
        && !Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"))) {
      String msg = "MNIST training files not found in " + dir + " (set RMNIST_DATA)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return dir;
  }
}
