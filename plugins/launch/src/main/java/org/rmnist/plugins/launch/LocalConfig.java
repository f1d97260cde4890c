package org.rmnist.plugins.launch;

import org.rmnist.api.Doc;

/**
 * Config of {@code local}.
 *
 * @param inProcess whether a single worker runs inside the launching command
 */
public record LocalConfig(
    @Doc(
            "when one worker is enough (--jobs 1, or one run to do), train inside the launching "
                + "command instead of starting a process (same results, no JVM start)")
        boolean inProcess) {

  /** One worker runs in process. */
  public static LocalConfig defaults() {
    return new LocalConfig(true);
  }
}
