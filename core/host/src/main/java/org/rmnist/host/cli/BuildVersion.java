package org.rmnist.host.cli;

import org.rmnist.host.plugin.PluginHost;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code rmnist --version} prints, from the build: the project version the API jar carries
 * (the API's version is the project's), and the {@code Plugin-Requires} range a plugin built
 * against it declares.
 */
public final class BuildVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = PluginHost.apiVersion();
    return new String[] {
      "rmnist " + version,
      "plugin API "
          + version
          + " (plugins declare Plugin-Requires: "
          + PluginHost.compatibleRange(version)
          + ")",
      "Java "
          + Runtime.version()
          + ", "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
    };
  }
}
