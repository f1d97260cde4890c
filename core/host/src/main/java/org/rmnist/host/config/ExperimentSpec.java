package org.rmnist.host.config;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * An experiment file: data sets × runs × seeds.
 *
 * @param name the experiment's name; results go to {@code results/<name>/}
 * @param description one paragraph for the summary
 * @param datasets the rows, by name, in file order
 * @param runs the columns, by name, in file order
 * @param splits which splits to evaluate: validation, and test when the data set has it
 * @param search a hyper-parameter search to run instead of the plain matrix, or null
 * @param launch how the runs are executed (launcher, workers, threads per run)
 */
public record ExperimentSpec(
    String name,
    String description,
    LinkedHashMap<String, DatasetSpec> datasets,
    LinkedHashMap<String, RunSpec> runs,
    List<String> splits,
    SearchSpec search,
    LaunchSpec launch) {

  /** The splits an experiment may ask for. */
  public static final List<String> SPLITS = List.of("validation", "test");

  public ExperimentSpec {
    description = description == null ? "" : description;
    datasets = datasets == null ? new LinkedHashMap<>() : datasets;
    runs = runs == null ? new LinkedHashMap<>() : runs;
    splits =
        splits == null || splits.isEmpty() ? List.of("validation", "test") : List.copyOf(splits);
    launch = launch == null ? LaunchSpec.defaults() : launch;
  }
}
