package org.rmnist.plugins.onnx;

import java.util.List;
import java.util.Map;
import org.rmnist.host.plugin.ExtensionKind;
import org.rmnist.testkit.PluginLoadContract;

/** The plugin's classes load through the real host with its extractor and no problem. */
class OnnxPluginLoadTest extends PluginLoadContract {
  @Override
  protected String pluginId() {
    return "onnx";
  }

  @Override
  protected Map<ExtensionKind, List<String>> expectedIds() {
    return Map.of(ExtensionKind.FEATURE_EXTRACTOR, List.of("onnx"));
  }
}
