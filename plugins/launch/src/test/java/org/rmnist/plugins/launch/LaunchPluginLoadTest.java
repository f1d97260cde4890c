package org.rmnist.plugins.launch;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its two launcher ids and no problem. */
class LaunchPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "launch";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(ExtensionKind.LAUNCHER, List.of("local", "slurm"));
  }
}
