package org.rmnist.host.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmnist.api.DataContext;
import org.rmnist.api.Progress;
import org.rmnist.host.ConfigException;
import org.rmnist.host.util.Home;

/** Data lookup order after a dataset's own path: RMNIST_DATA, RMNIST_DATA/name, data/name. */
public final class HostDataContext implements DataContext {
  private final String envData;
  private final Progress progress;

  /** Uses the process environment. */
  public HostDataContext(Progress progress) {
    this(System.getenv("RMNIST_DATA"), progress);
  }

  /**
   * Uses the given RMNIST_DATA value (null when unset).
   *
   * @throws ConfigException when it names a file: it must name a folder
   */
  public HostDataContext(String envData, Progress progress) {
    envFolder(envData);
    this.envData = envData;
    this.progress = progress;
  }

  /**
   * The folder an RMNIST_DATA value names; null when unset or blank.
   *
   * @throws ConfigException when it names a file: it must name a folder
   */
  public static Path envFolder(String envData) {
    if (envData == null || envData.isBlank()) {
      return null;
    }
    Path p = Path.of(envData);
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new ConfigException(
          "RMNIST_DATA="
              + envData
              + " is a file; set it to the folder "
              + "that holds the data files (e.g. the one with train-images-idx3-ubyte.gz)");
    }
    return p;
  }

  @Override
  public List<Path> locations(String dataset) {
    List<Path> list = new ArrayList<>();
    if (envData != null && !envData.isBlank()) {
      Path p = Path.of(envData);
      list.add(p);
      list.add(p.resolve(dataset));
    }
    list.add(Home.root().resolve("data").resolve(dataset));
    return list;
  }

  @Override
  public String howToGet(String dataset) {
    return "Get it with `bin/rmnist data fetch "
        + dataset
        + "` (downloads and verifies), or "
        + "`bin/rmnist data fetch "
        + dataset
        + " --from DIR` to copy files you already have, or "
        + "set RMNIST_DATA to the folder that holds them.";
  }

  @Override
  public Progress progress() {
    return progress;
  }
}
