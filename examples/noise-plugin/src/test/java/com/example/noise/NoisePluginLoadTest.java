package com.example.noise;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The compiled plugin, packed as a jar, loads through rmnist's real host with both ids. */
class NoisePluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "example-noise";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(ExtensionKind.AUGMENTATION, List.of("invert", "salt-pepper"));
  }
}
