package org.rmnist.api;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What the host gives a {@link Launcher} for one experiment. */
public interface LaunchContext {

  /** Exit code of a worker that trained every run it claimed. */
  int EXIT_OK = 0;

  /** Exit code of a worker some of whose runs failed (each one is recorded in its run folder). */
  int EXIT_RUNS_FAILED = 1;

  /** Exit code of a worker that was given bad input (its log says which). */
  int EXIT_BAD_INPUT = 2;

  /**
   * Exit code of a worker that cannot see the experiment's folder as the launching command wrote
   * it: the folder is not shared between the launching machine and the worker's.
   */
  int EXIT_NOT_SHARED = 3;

  /** The experiment's name. */
  String experiment();

  /**
   * The experiment's folder (absolute), which every worker must see at the same path; a launcher
   * keeps its scripts and logs under {@code launch/} in it.
   */
  Path experimentDir();

  /**
   * The command line of one worker, absolute paths only: a program that claims and trains runs
   * until none is left, then exits with one of the {@code EXIT_} codes. Every worker runs the same
   * command, in any number, anywhere the folder is shared.
   */
  List<String> workerCommand();

  /** How many runs are not done yet (workers beyond this number would find nothing to do). */
  int runsToDo();

  /** How many workers the user asked for; 0 when unsaid (the launcher chooses). */
  int jobs();

  /** How many threads each worker's runs use (a worker trains one run at a time). */
  int threadsPerRun();

  /** Where to print what the launcher does (job ids, waits); the host owns standard output. */
  PrintStream log();

  /**
   * Runs one worker inside this process instead of starting one, for a launcher that would start a
   * single local worker; returns its exit code.
   */
  int runHere() throws IOException;
}
