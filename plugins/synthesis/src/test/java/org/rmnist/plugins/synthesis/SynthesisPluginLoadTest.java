package org.rmnist.plugins.synthesis;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its two builder ids and no problem. */
class SynthesisPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "synthesis";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(ExtensionKind.TRAINING_SET_BUILDER, List.of("dm", "krr"));
  }
}
