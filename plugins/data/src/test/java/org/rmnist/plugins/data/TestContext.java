package org.rmnist.plugins.data;

import java.nio.file.Path;
import java.util.List;
import org.rmnist.api.DataContext;
import org.rmnist.api.Progress;

/** A DataContext that looks only where the test says. */
record TestContext(List<Path> dirs) implements DataContext {
  @Override
  public List<Path> locations(String dataset) {
    return dirs;
  }

  @Override
  public String howToGet(String dataset) {
    return "HOW-TO-GET " + dataset;
  }

  @Override
  public Progress progress() {
    return Progress.NONE;
  }
}
