package org.rmnist.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every subcommand answers --help; bad input exits 2 with a message naming what is wrong. */
class CliTest {
  @TempDir static Path home;

  private String savedHome;
  private String savedBundled;

  /** Exit code, standard output and standard error of one command. */
  record Result(int exit, String out, String err) {}

  static Result cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = RmnistCli.execute(args);
      return new Result(
          exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    savedHome = System.getProperty("rmnist.home");
    savedBundled = System.getProperty("rmnist.plugins.bundled");
    System.setProperty("rmnist.home", home.toString());
    Files.createDirectories(home.resolve("plugins"));
    System.setProperty("rmnist.plugins.bundled", home.resolve("plugins").toString());
    Files.createDirectories(home.resolve("models"));
    Files.createDirectories(home.resolve("data/toy"));
    Files.writeString(
        home.resolve("data/toy/manifest.yaml"),
        """
        name: toy
        files:
          - name: a-idx1-ubyte
            sha256: %s
        """
            .formatted("0".repeat(64)));
    Files.writeString(home.resolve("models/net.yaml"), manifest("net", "net.bin"));
    Files.writeString(home.resolve("afile"), "x");
    Files.writeString(home.resolve("bad.yaml"), "a: [1\n");
    Files.writeString(
        home.resolve("small.yaml"),
        "name: small\ndatasets:\n  d: {id: rmnist, n: [1]}\nruns:\n  k: {id: knn}\n");
    Files.createDirectories(home.resolve("halfdone/runs/a"));
    Files.createDirectories(home.resolve("badrun"));
    Files.writeString(home.resolve("badrun/config.json"), "{\"model\": ");
  }

  @AfterEach
  void restore() {
    restore("rmnist.home", savedHome);
    restore("rmnist.plugins.bundled", savedBundled);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  static String manifest(String name, String file) {
    return """
        name: %s
        description: a test network
        file: '%s'
        sha256: %s
        urls: []
        extractor: sums
        """
        .formatted(name, file, "1".repeat(64));
  }

  /** Every command's path of names, root first: [], [run], [models, fetch], ... */
  static Stream<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new RmnistCli()), new ArrayList<>(), paths);
    return paths.stream();
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
    into.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              path.add(name);
              collect(sub, path, into);
              path.remove(path.size() - 1);
            });
  }

  @ParameterizedTest
  @MethodSource("commandPaths")
  void everyCommandAnswersHelpWithUsageAndExitCodes(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    Result r = cli(args.toArray(String[]::new));
    assertEquals(0, r.exit(), args + ": " + r.err());
    String usage = String.join(" ", Stream.concat(Stream.of("rmnist"), path.stream()).toList());
    assertTrue(r.out().startsWith("Usage: " + usage), args + ":\n" + r.out());
    assertTrue(r.out().contains("Exit codes:\n  0   "), args + ":\n" + r.out());
    assertTrue(r.out().contains("\n  2   bad input"), args + ":\n" + r.out());
  }

  @Test
  void allCommandsAreCovered() {
    List<List<String>> paths = commandPaths().toList();
    assertTrue(paths.contains(List.of("models", "fetch")), paths.toString());
    assertTrue(paths.contains(List.of("data", "verify")), paths.toString());
    assertTrue(paths.size() >= 14, paths.toString());
  }

  @Test
  void helpCommandShowsASubcommandsUsageNestedOnesToo() {
    Result r = cli("help", "run");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: rmnist run"), r.out());
    assertTrue(r.out().contains("Exit codes:"), r.out());
    r = cli("help", "models", "fetch");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: rmnist models fetch"), r.out());
    r = cli("help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: rmnist [-hV]"), r.out());
  }

  /** Arguments, then a piece of the message that must be on standard error. */
  static Stream<Arguments> badInput() {
    String h = home.toString();
    return Stream.of(
        Arguments.of(List.of("nosuch"), "Unmatched argument at index 0: 'nosuch'"),
        Arguments.of(List.of("models"), "Missing required subcommand: list, fetch, verify"),
        Arguments.of(List.of("data"), "Missing required subcommand: fetch, verify"),
        Arguments.of(
            List.of("help", "nosuch"),
            "Unknown subcommand 'nosuch' of 'rmnist'; "
                + "known: plugins, run, data, preview, report, models, export, help"),
        Arguments.of(
            List.of("help", "models", "nope"),
            "Unknown subcommand 'nope' of 'rmnist "
                + "models'; known: list, fetch, verify, layers, pretrain"),
        Arguments.of(
            List.of("--plugins", h + "/gone", "plugins"),
            "error: --plugins " + h + "/gone: no such folder"),
        Arguments.of(
            List.of("run", "--plugins", h + "/afile", h + "/bad.yaml"),
            "error: --plugins " + h + "/afile: not a folder"),
        Arguments.of(List.of("run", h + "/nope.yaml"), "error: " + h + "/nope.yaml: "),
        Arguments.of(List.of("run", h + "/bad.yaml"), "error: " + h + "/bad.yaml: "),
        Arguments.of(
            List.of("preview", "--n", "abc", "x"),
            "Invalid value for option '--n': 'abc' is not an int"),
        Arguments.of(
            List.of("preview", h + "/small.yaml", "--neighbours", "pixels,nope"),
            "error: --neighbours: no run 'nope' in " + h + "/small.yaml; runs: k (or 'pixels')"),
        Arguments.of(
            List.of("preview", "elastic", "--neighbours", "pixels"),
            "error: --neighbours: needs an experiment file as TARGET"),
        Arguments.of(
            List.of("export", h + "/gone", "--out", h + "/x.onnx"),
            "error: " + h + "/gone: not a finished run (no config.json)"),
        Arguments.of(List.of("export", h), "Missing required option: '--out=FILE|DIR'"),
        Arguments.of(
            List.of("export", h + "/badrun", "--out", h + "/x.onnx"),
            "error: " + h + "/badrun/config.json: not a run's config ("),
        Arguments.of(List.of("models", "fetch", "nope"), "error: no model manifest 'nope'"),
        Arguments.of(
            List.of("models", "verify", "../net"),
            "error: model name '../net': " + "expected letters, digits, '.', '_' or '-'"),
        Arguments.of(
            List.of("models", "fetch", "net", "--attempts", "0"),
            "error: --attempts: expected 1..10, got 0"),
        Arguments.of(
            List.of("models", "fetch", "net", "--attempts", "-3"),
            "error: --attempts: expected 1..10, got -3"),
        Arguments.of(
            List.of("models", "fetch", "net", "--attempts", "99"),
            "error: --attempts: expected 1..10, got 99"),
        Arguments.of(
            List.of("models", "fetch", "net", "--from", h + "/gone.bin"),
            "error: --from " + h + "/gone.bin: no such file or folder"),
        Arguments.of(
            List.of("models", "fetch", "net", "--from", "file:///etc/passwd"),
            "error: --from file:///etc/passwd: only http:// and https:// URLs are downloaded"),
        Arguments.of(
            List.of("models", "layers", "net"),
            "net.bin: not here; get it with " + "`rmnist models fetch net`"),
        Arguments.of(List.of("models", "pretrain", "--name", "a/b"), "error: model name 'a/b'"),
        Arguments.of(List.of("data", "fetch", "nope"), "error: no manifest for data set 'nope'"),
        Arguments.of(
            List.of("data", "fetch", "toy", "--attempts", "0"),
            "error: --attempts: expected 1..10, got 0"),
        Arguments.of(
            List.of("data", "fetch", "toy", "--from", h + "/gone"),
            "error: --from " + h + "/gone: no such file or folder"),
        Arguments.of(
            List.of("data", "fetch", "toy", "--dir", h + "/afile"),
            "error: --dir " + h + "/afile is a file; expected a folder"),
        Arguments.of(
            List.of("report", "nope", "--results-dir", h + "/results"),
            "error: unknown experiment 'nope': no results folder " + h + "/results/nope (no "),
        Arguments.of(
            List.of("report", h + "/halfdone"),
            "error: "
                + h
                + "/halfdone: no finished runs yet (no results.jsonl; 1 runs unfinished)"),
        Arguments.of(
            List.of("data", "verify", "toy", "--dir", h + "/gone"),
            "error: --dir " + h + "/gone: no such folder"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputExits2WithAMessage(List<String> args, String message) {
    Result r = cli(args.toArray(String[]::new));
    assertEquals(2, r.exit(), args + ":\n" + r.out() + r.err());
    assertTrue(r.err().contains(message), args + ":\n" + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug:\n" + r.err());
  }

  @Test
  void dataVerifyNamesTheFileAndBothHashes() throws IOException {
    Path dir = Files.createDirectories(home.resolve("toy-files"));
    org.rmnist.api.io.IdxFile.write(dir.resolve("a-idx1-ubyte.gz"), new int[] {1}, new byte[] {3});
    String actual = org.rmnist.api.io.IdxFile.contentSha256(dir.resolve("a-idx1-ubyte.gz"));
    Result r = cli("data", "verify", "toy", "--dir", dir.toString());
    assertEquals(1, r.exit(), "a wrong file is a failed check, not bad input");
    assertTrue(
        r.out()
            .contains(
                "a-idx1-ubyte               BAD: "
                    + dir.resolve("a-idx1-ubyte.gz")
                    + " has SHA-256 "
                    + actual
                    + ", expected "
                    + "0".repeat(64)),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "1 problem(s) in "
                    + dir
                    + "; `rmnist data fetch toy` replaces "
                    + "missing and bad files"),
        r.out());
    Files.delete(dir.resolve("a-idx1-ubyte.gz"));
    r = cli("data", "verify", "toy", "--dir", dir.toString());
    assertEquals(1, r.exit());
    assertTrue(
        r.out()
            .contains(
                "a-idx1-ubyte               MISSING " + dir.resolve("a-idx1-ubyte") + "[.gz]"),
        r.out());
  }

  @Test
  void debugPrintsTheStackTrace() {
    Result r = cli("--debug", "models", "fetch", "nope");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("\tat org.rmnist.host.models.ModelManifest.load"), r.err());
  }
}
