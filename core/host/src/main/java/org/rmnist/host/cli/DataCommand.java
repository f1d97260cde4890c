package org.rmnist.host.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmnist.host.data.DataManifest;
import org.rmnist.host.data.Fetcher;
import org.rmnist.host.util.ConsoleProgress;
import org.rmnist.host.util.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rmnist data fetch|verify}: get data files and check their SHA-256. */
@Command(name = "data", description = "Fetch and verify data sets described in data/<name>/.",
    subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class})
final class DataCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("usage: rmnist data fetch|verify [NAME]");
    return 2;
  }

  static Path defaultDir(String name) {
    return Home.root().resolve("data").resolve(name);
  }

  @Command(name = "fetch", description = "Download (or copy --from) the files of a data set and "
      + "verify them; a file with a wrong hash is never kept.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "mnist", paramLabel = "NAME")
    String name;

    @Option(names = "--from", paramLabel = "DIR|URL",
        description = "Copy from this folder, or download from this base URL.")
    String from;

    @Option(names = "--dir", paramLabel = "DIR", description = "Destination (default data/NAME).")
    Path dir;

    @Option(names = "--attempts", defaultValue = "3", description = "Download attempts per URL.")
    int attempts;

    @Override
    public Integer call() throws Exception {
      DataManifest m = DataManifest.load(Home.root(), name);
      Path dest = dir != null ? dir : defaultDir(name);
      List<String> failed = new Fetcher(ConsoleProgress.forTerminal(), System.out, attempts)
          .fetch(m, dest, from);
      long requiredMissing = m.files().stream()
          .filter(f -> f.required() && failed.contains(f.name())).count();
      return requiredMissing == 0 ? 0 : 1;
    }
  }

  @Command(name = "verify", description = "Check the SHA-256 of the data files that are there.")
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "mnist", paramLabel = "NAME")
    String name;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Folder to check (default RMNIST_DATA if set, else data/NAME).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      DataManifest m = DataManifest.load(Home.root(), name);
      String env = System.getenv("RMNIST_DATA");
      Path d = dir != null ? dir : env != null && !env.isBlank() ? Path.of(env) : defaultDir(name);
      int bad = 0;
      for (Fetcher.Check c : new Fetcher(ConsoleProgress.forTerminal(), System.out, 1)
          .verify(m, d)) {
        String what = switch (c.status()) {
          case OK -> "ok";
          case MISSING -> c.entry().required() ? "MISSING" : "absent (optional)";
          case BAD_HASH -> "BAD SHA-256 " + c.actual() + " (expected " + c.entry().sha256() + ")";
        };
        System.out.printf("%-26s %s%n", c.entry().name(), what);
        if (c.status() == Fetcher.Status.BAD_HASH
            || (c.status() == Fetcher.Status.MISSING && c.entry().required())) {
          bad++;
        }
      }
      System.out.println(bad == 0 ? "verified: " + d : bad + " problem(s) in " + d);
      return bad == 0 ? 0 : 1;
    }
  }
}
