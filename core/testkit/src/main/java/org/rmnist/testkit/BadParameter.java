package org.rmnist.testkit;

import java.util.Map;

/**
 * YAML parameters with a value the config record rejects, and the message its constructor gives
 * (e.g. {@code Map.of("max", 65)} and {@code "max: must be in [0, 64], got 65"}).
 *
 * @param params the parameters as a YAML map would give them (nested maps for nested records)
 * @param message the config record's own message; the kit adds the host's prefix
 */
public record BadParameter(Map<String, ?> params, String message) {
  /** One parameter. */
  public static BadParameter of(String key, Object value, String message) {
    return new BadParameter(Map.of(key, value), message);
  }
}
