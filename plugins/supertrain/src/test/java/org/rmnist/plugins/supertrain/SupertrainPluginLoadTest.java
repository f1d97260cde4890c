package org.rmnist.plugins.supertrain;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its four builder ids and no problem. */
class SupertrainPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "supertrain";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(
        ExtensionKind.TRAINING_SET_BUILDER, List.of("herding", "kcenter", "prototypes", "search"));
  }
}
