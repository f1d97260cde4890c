package org.rmnist.host.run;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A Java {@link Error} thrown by an extension (a class missing from its jar, out of memory, ...),
 * turned into a one-line message naming the plugin, so that run fails and the others go on.
 */
final class PluginFailure extends RuntimeException {

  /** A call into an extension. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws IOException;
  }

  private PluginFailure(String message, Error cause) {
    super(message, cause);
  }

  /** Runs {@code call}; an {@link Error} it throws becomes a {@link PluginFailure}. */
  static <T> T guard(Bound extension, String doing, Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (PluginFailure e) {
      throw e;
    } catch (Error e) {
      throw of(
          e,
          "plugin "
              + extension.plugin().id()
              + " ("
              + kind(extension)
              + " '"
              + extension.extension().id()
              + "', "
              + doing
              + ")");
    }
  }

  /** The message for an {@link Error} thrown by {@code who} ("plugin x (model 'y', ...)"). */
  static PluginFailure of(Error e, String who) {
    if (e instanceof OutOfMemoryError) {
      return new PluginFailure(
          "out of memory in "
              + who
              + ": "
              + e.getMessage()
              + " (heap "
              + "limit "
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MB); give Java more heap "
              + "with RMNIST_JAVA_OPTS, e.g. RMNIST_JAVA_OPTS=-Xmx16g bin/rmnist run ...",
          e);
    }
    if (e instanceof NoClassDefFoundError || e instanceof ClassCircularityError) {
      return new PluginFailure(
          who
              + " needs class "
              + String.valueOf(e.getMessage()).replace('/', '.')
              + ", which neither its jar nor the host provides ("
              + e.getClass().getSimpleName()
              + "); rebuild the plugin with its dependencies",
          e);
    }
    if (e instanceof LinkageError) {
      return new PluginFailure(
          who
              + " does not link against this host: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "; rebuild the plugin against this rmnist-api",
          e);
    }
    return new PluginFailure(who + " failed with " + e, e);
  }

  /** A readable sentence for an exception ("file: reason" for a missing file). */
  static String message(Exception e) {
    if (e instanceof NoSuchFileException nsf) {
      return nsf.getFile() + ": " + (nsf.getReason() == null ? "no such file" : nsf.getReason());
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String kind(Bound b) {
    if (b instanceof Bound.Data<?>) {
      return "dataset";
    }
    if (b instanceof Bound.Learner<?>) {
      return "model";
    }
    if (b instanceof Bound.Maker<?>) {
      return "training set builder";
    }
    return b instanceof Bound.Extractor<?> ? "feature extractor" : "augmentation";
  }
}
