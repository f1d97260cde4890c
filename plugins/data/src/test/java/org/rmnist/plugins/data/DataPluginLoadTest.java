package org.rmnist.plugins.data;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its two datasets and no problem. */
class DataPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "data";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(ExtensionKind.DATASET, List.of("fashion-mnist", "rmnist"));
  }
}
