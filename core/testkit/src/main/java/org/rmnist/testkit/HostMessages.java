package org.rmnist.testkit;

import java.util.List;

/**
 * The host's exact error texts for bad YAML parameters, as {@code ConfigBinder} writes them. Kept
 * in one place: when the host's wording changes, this is the only file of the kit to follow it.
 */
public final class HostMessages {
  private HostMessages() {}

  /** A key the config record does not have: the path of the key, the extension, what is allowed. */
  public static String unknownParameter(String where, String id, String key, List<String> allowed) {
    return where
        + "."
        + key
        + ": unknown parameter of '"
        + id
        + "'; allowed: "
        + String.join(", ", allowed);
  }

  /** A value the config record's constructor rejected, with the record's own message. */
  public static String invalidValue(String where, String id, String recordMessage) {
    return where + ": " + id + ": " + recordMessage;
  }
}
