package org.rmnist.host.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmnist.host.ConfigException;
import org.rmnist.host.data.DataManifest;
import org.rmnist.host.data.Fetcher;
import org.rmnist.host.data.HostDataContext;
import org.rmnist.host.util.ConsoleProgress;
import org.rmnist.host.util.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rmnist data fetch|verify}: get data files and check their SHA-256. */
@Command(
    name = "data",
    description = "Fetch and verify data sets described in data/<name>/.",
    subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class})
final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return RmnistCli.missingSubcommand(spec);
  }

  static Path defaultDir(String name) {
    return Home.root().resolve("data").resolve(name);
  }

  /** The value of {@code --from}, checked: an existing file or folder, or an http(s) URL. */
  static String from(String from) {
    if (from == null) {
      return null;
    }
    if (from.contains(":/")) {
      if (!from.startsWith("https://") && !from.startsWith("http://")) {
        throw new ConfigException(
            "--from "
                + from
                + ": only http:// and https:// URLs are "
                + "downloaded; give a local file or folder as a plain path");
      }
      return from;
    }
    if (!Files.exists(Path.of(from))) {
      throw new ConfigException("--from " + from + ": no such file or folder");
    }
    return from;
  }

  /** A destination or folder to check: absent is fine when {@code mayCreate}, a file never is. */
  static Path folder(String what, Path dir, boolean mayCreate) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException(what + dir + " is a file; expected a folder");
    }
    if (!mayCreate && !Files.isDirectory(dir)) {
      throw new ConfigException(what + dir + ": no such folder");
    }
    return dir;
  }

  @Command(
      name = "fetch",
      description =
          "Download (or copy --from) the files of a data set and "
              + "verify them; a file with a wrong hash is never kept. Files already there and verified "
              + "are kept as they are.",
      exitCodeList = {
        "0:every required file is there and verified",
        "1:a required file could not be fetched (the log says why)",
        "2:bad input: unknown data set, malformed manifest, bad --from, --dir or --attempts"
      })
  static final class Fetch implements Callable<Integer> {
    @Parameters(
        index = "0",
        defaultValue = "mnist",
        paramLabel = "NAME",
        description = "Data set: data/NAME/manifest.yaml (default ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--from",
        paramLabel = "FILE|DIR|URL",
        description = "Copy from this folder (or file), or download from this base URL.")
    String from;

    @Option(names = "--dir", paramLabel = "DIR", description = "Destination (default data/NAME).")
    Path dir;

    @Mixin AttemptsOption attempts;

    @Override
    public Integer call() throws Exception {
      DataManifest m = DataManifest.load(Home.root(), name);
      Path dest = dir != null ? folder("--dir ", dir, true) : folder("", defaultDir(name), true);
      List<String> failed =
          new Fetcher(ConsoleProgress.forTerminal(), System.out, attempts.checked())
              .fetch(m, dest, from(from));
      long requiredMissing =
          m.files().stream().filter(f -> f.required() && failed.contains(f.name())).count();
      return requiredMissing == 0 ? 0 : 1;
    }
  }

  @Command(
      name = "verify",
      description = "Check the SHA-256 of the data files that are there.",
      exitCodeList = {
        "0:every required file is there and verified",
        "1:a file has a wrong SHA-256, or a required one is missing",
        "2:bad input: unknown data set, malformed manifest, no such folder"
      })
  static final class Verify implements Callable<Integer> {
    @Parameters(
        index = "0",
        defaultValue = "mnist",
        paramLabel = "NAME",
        description = "Data set: data/NAME/manifest.yaml (default ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Folder to check (default RMNIST_DATA if set, else data/NAME).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      DataManifest m = DataManifest.load(Home.root(), name);
      Path env = HostDataContext.envFolder(System.getenv("RMNIST_DATA"));
      Path d =
          dir != null
              ? folder("--dir ", dir, false)
              : env != null ? folder("RMNIST_DATA=", env, false) : defaultDir(name);
      int bad = 0;
      for (Fetcher.Check c :
          new Fetcher(ConsoleProgress.forTerminal(), System.out, 1).verify(m, d)) {
        String what =
            switch (c.status()) {
              case OK -> "ok";
              case MISSING ->
                  (c.entry().required() ? "MISSING " : "absent (optional) ")
                      + d.resolve(c.entry().name())
                      + "[.gz]";
              case BAD_HASH ->
                  "BAD: "
                      + c.file().orElseThrow()
                      + " has SHA-256 "
                      + c.actual()
                      + ", expected "
                      + c.entry().sha256();
              case CORRUPT -> "BAD: " + c.actual();
            };
        System.out.printf("%-26s %s%n", c.entry().name(), what);
        if (c.status() == Fetcher.Status.BAD_HASH
            || c.status() == Fetcher.Status.CORRUPT
            || (c.status() == Fetcher.Status.MISSING && c.entry().required())) {
          bad++;
        }
      }
      System.out.println(
          bad == 0
              ? "verified: " + d
              : bad
                  + " problem(s) in "
                  + d
                  + "; `rmnist data fetch "
                  + name
                  + "` replaces missing and bad files");
      return bad == 0 ? 0 : 1;
    }
  }
}
