package org.rmnist.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a {@link Dataset} reads, as {@link Dataset#files} reports it to the host.
 *
 * @param dataset the data set's name, as given to {@link DataContext#locations}; the host checks
 *     the file against {@code data/<dataset>/manifest.yaml} when there is one
 * @param name the file's name in that manifest (without {@code .gz}), e.g. {@code
 *     train-images-idx3-ubyte}
 * @param path where the file is, raw or gzip
 */
public record DataFile(String dataset, String name, Path path) {
  public DataFile {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
  }
}
