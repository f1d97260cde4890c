package org.rmnist.plugins.augment;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its five ids and no problem. */
class AugmentPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "augment";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(
        ExtensionKind.AUGMENTATION, List.of("affine", "elastic", "intensity", "rotate", "shift"));
  }
}
