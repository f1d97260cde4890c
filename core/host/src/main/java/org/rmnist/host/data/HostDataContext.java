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
    if (envData != null && !envData.isBlank() && Files.isRegularFile(Path.of(envData))) {
      throw new ConfigException("RMNIST_DATA=" + envData + " is a file; set it to the folder "
          + "that holds the data files (e.g. the one with train-images-idx3-ubyte.gz)");
    }
    this.envData = envData;
    this.progress = progress;
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
    return "Get it with `bin/rmnist data fetch " + dataset + "` (downloads and verifies), or "
        + "`bin/rmnist data fetch " + dataset + " --from DIR` to copy files you already have, or "
        + "set RMNIST_DATA to the folder that holds them.";
  }

  @Override
  public Progress progress() {
    return progress;
  }
}
