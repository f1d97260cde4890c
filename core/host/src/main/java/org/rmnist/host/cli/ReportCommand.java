package org.rmnist.host.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rmnist.host.ConfigException;
import org.rmnist.host.config.ExperimentLoader;
import org.rmnist.host.report.HtmlReport;
import org.rmnist.host.report.ResultsFolder;
import org.rmnist.host.run.Runner;
import org.rmnist.host.util.Home;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes the HTML report of one or more experiments from their results folders. */
@Command(
    name = "report",
    description = {
      "Write a self-contained HTML report (tables, charts, mistakes, distortions, provenance) of "
          + "experiments from their results folders; several experiments share one page.",
      "EXPERIMENT: a name under the results folder, a results folder, or an experiment file."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "Experiments to report.")
  List<String> experiments = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Where the page goes (default: report.html in the experiment's folder; for several, "
              + "report-<names>.html in the results folder).")
  Path out;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Where results are (default: results/ in the project).")
  Path resultsDir;

  @Override
  public Integer call() throws IOException {
    Path results = resultsDir != null ? resultsDir : Home.results();
    List<ResultsFolder> folders = new ArrayList<>();
    for (String e : experiments) {
      folders.add(ResultsFolder.read(folderOf(e, results)));
    }
    Path target = out;
    if (target == null) {
      target =
          folders.size() == 1
              ? folders.get(0).dir().resolve(Runner.REPORT)
              : results.resolve(
                  "report-"
                      + String.join("+", folders.stream().map(ResultsFolder::name).toList())
                      + ".html");
    }
    if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
      throw new ConfigException("--out " + target + ": no folder " + target.getParent());
    }
    HtmlReport.write(folders, target);
    System.out.println("report: " + target.toAbsolutePath().normalize());
    return 0;
  }

  /** The results folder {@code arg} names: a folder, an experiment file's, or a name's. */
  static Path folderOf(String arg, Path results) throws IOException {
    Path p = Path.of(arg);
    if (Files.isDirectory(p) && !arg.contains("/") && Files.isDirectory(results.resolve(arg))) {
      return results.resolve(arg); // a bare name: the results folder's, not the working folder's
    }
    if (Files.isDirectory(p)) {
      return p;
    }
    if (Files.isRegularFile(p) && (arg.endsWith(".yaml") || arg.endsWith(".yml"))) {
      return results.resolve(ExperimentLoader.load(p, List.of()).spec().name());
    }
    Path named = results.resolve(arg);
    if (!arg.contains("/") && Files.isDirectory(named)) {
      return named;
    }
    List<String> known = new ArrayList<>();
    if (Files.isDirectory(results)) {
      try (Stream<Path> s = Files.list(results)) {
        s.filter(d -> Files.exists(d.resolve("results.jsonl")))
            .map(d -> d.getFileName().toString())
            .sorted()
            .forEach(known::add);
      }
    }
    throw new ConfigException(
        "unknown experiment '"
            + arg
            + "': no results folder "
            + named
            + (known.isEmpty()
                ? " (no experiment has results in " + results + " yet)"
                : "; experiments with results there: " + String.join(", ", known)));
  }
}
