package org.rmnist.host.plugin;

/** A plugin could not be loaded, or an extension id is unknown or claimed twice. */
public class PluginException extends RuntimeException {
  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
