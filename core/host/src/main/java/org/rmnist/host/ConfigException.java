package org.rmnist.host;

/**
 * An experiment file, override or parameter is wrong. The message says where (file and key path),
 * what was found and what is allowed.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
