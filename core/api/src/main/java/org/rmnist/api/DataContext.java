package org.rmnist.api;

import java.nio.file.Path;
import java.util.List;

/** What the host tells a {@link Dataset} about where data lives. */
public interface DataContext {

  /**
   * Folders to look in for the named data set, in order ({@code RMNIST_DATA}, then the project's
   * {@code data/<name>}). A path given in the dataset's own config comes before all of these.
   */
  List<Path> locations(String dataset);

  /** A sentence telling the user how to get the named data set, for "not found" errors. */
  String howToGet(String dataset);

  /** Where to report progress of long loads. */
  Progress progress();
}
