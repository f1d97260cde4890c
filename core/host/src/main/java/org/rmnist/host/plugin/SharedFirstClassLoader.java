package org.rmnist.host.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin class loader that takes the rmnist API and the shared runtimes from the host, always.
 *
 * <p>PF4J loads plugin-first. For the API that would let a plugin that bundles its own copy see
 * different {@code Class} objects than the host ({@code ClassCastException}); for DJL, ONNX Runtime
 * and TensorFlow it would load a second native library, which the JVM refuses ("already loaded in
 * another ClassLoader"). Everything else stays plugin-first, so plugins may bundle what they like.
 */
final class SharedFirstClassLoader extends PluginClassLoader {

  /** Packages that always come from the host. */
  static final List<String> SHARED_PACKAGES =
      List.of(
          "org.rmnist.api.",
          "org.pf4j.",
          "org.slf4j.",
          "ai.djl.",
          "ai.onnxruntime.",
          "org.tensorflow.",
          "org.bytedeco.");

  SharedFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
    super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
  }

  @Override
  public Class<?> loadClass(String className) throws ClassNotFoundException {
    if (isShared(className)) {
      try {
        return getParent().loadClass(className);
      } catch (ClassNotFoundException notInHost) {
        // the host lacks this runtime (e.g. TensorFlow in a slim install): the plugin's own copy
      }
    }
    return super.loadClass(className);
  }

  static boolean isShared(String className) {
    for (String prefix : SHARED_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
