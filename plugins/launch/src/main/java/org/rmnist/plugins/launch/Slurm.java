package org.rmnist.plugins.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's command-line clients: sbatch to submit, squeue for what is still queued or running,
 * scontrol for how finished tasks ended (Slurm keeps them for MinJobAge, 300 s by default; no
 * accounting database is needed). Every failure names the command and gives its error output.
 */
final class Slurm {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");
  private final String sbatch;

  /** A finished or unfinished array task as scontrol shows it. */
  record Task(int index, String state, int exitCode, String stdout) {}

  Slurm(String sbatch) {
    this.sbatch = sbatch;
  }

  /** The name of another client, from the folder sbatch is in when it was given as a path. */
  private String client(String name) {
    Path p = Path.of(sbatch);
    return p.getParent() == null ? name : p.resolveSibling(name).toString();
  }

  /** Submits {@code script}; returns the job id. */
  String submit(Path script) throws IOException, InterruptedException {
    String out = run(List.of(sbatch, "--parsable", script.toString()), true).strip();
    String id = out.lines().reduce((a, b) -> b).orElse("").split(";")[0].strip();
    if (!id.matches("[0-9]+")) {
      throw new IOException(sbatch + " printed no job id: '" + out + "'");
    }
    return id;
  }

  /** Task states of the job still in the queue (pending or running), by state; empty once done. */
  Map<String, Integer> queued(String job) throws IOException, InterruptedException {
    Map<String, Integer> states = new LinkedHashMap<>();
    String out = run(List.of(client("squeue"), "-h", "-r", "-j", job, "-o", "%T"), false);
    for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      if (line.matches("[A-Z_]+")) {
        states.merge(line, 1, Integer::sum);
      }
    }
    return states;
  }

  /** The array's tasks as scontrol knows them (empty when Slurm has forgotten the job). */
  List<Task> tasks(String job) throws IOException, InterruptedException {
    List<Task> tasks = new ArrayList<>();
    String out;
    try {
      out = run(List.of(client("scontrol"), "-o", "show", "job", job), true);
    } catch (IOException e) {
      return tasks; // "Invalid job id specified": purged
    }
    for (String line : out.lines().toList()) {
      Map<String, String> f = new LinkedHashMap<>();
      Matcher m = FIELD.matcher(line);
      while (m.find()) {
        f.putIfAbsent(m.group(1), m.group(2));
      }
      String index = f.get("ArrayTaskId");
      if (index == null || !index.matches("[0-9]+")) {
        continue; // a pending range such as 4-7: not finished
      }
      tasks.add(
          new Task(
              Integer.parseInt(index),
              f.getOrDefault("JobState", "UNKNOWN"),
              exitCode(f.getOrDefault("ExitCode", "")),
              f.get("StdOut")));
    }
    return tasks;
  }

  /** Slurm's "code:signal" as one exit code, 128 + signal for a killed task; -1 when unknown. */
  static int exitCode(String slurm) {
    Matcher m = Pattern.compile("([0-9]+):([0-9]+)").matcher(slurm);
    if (!m.matches()) {
      return -1;
    }
    int code = Integer.parseInt(m.group(1));
    int signal = Integer.parseInt(m.group(2));
    return signal != 0 ? 128 + signal : code;
  }

  /** Runs a client; its output, or an error naming it with its stderr. */
  private String run(List<String> cmd, boolean mustSucceed)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          cmd.get(0)
              + ": cannot run it ("
              + e.getMessage()
              + "); the slurm launcher needs Slurm's client commands (Debian: slurm-client) on "
              + "PATH, or launch.params.sbatch set to sbatch's path");
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + ": no answer in 60 s");
    }
    if (p.exitValue() != 0 && mustSucceed) {
      throw new IOException(
          String.join(" ", cmd)
              + " failed (exit "
              + p.exitValue()
              + "): "
              + new String(err, StandardCharsets.UTF_8).strip());
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
