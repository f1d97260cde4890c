package org.rmnist.plugins.convnet;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/**
 * The plugin's classes load through the real host with its four models, its training set builder
 * and no problem.
 */
class ConvnetPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "convnet";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(
        ExtensionKind.MODEL,
        List.of("convnet", "dc-convnet", "ladder", "mlp", "resnet18"),
        ExtensionKind.TRAINING_SET_BUILDER,
        List.of("teacher-labels"));
  }
}
