package org.rmnist.plugins.baselines;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its six ids and no problem. */
class BaselinesPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "baselines";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(
        ExtensionKind.MODEL,
        List.of(
            "decision-tree", "knn", "label-propagation", "random-forest", "svm-linear", "svm-rbf"));
  }
}
