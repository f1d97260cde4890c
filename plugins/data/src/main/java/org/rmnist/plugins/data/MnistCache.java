package org.rmnist.plugins.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps recently read training files in memory (softly), so an experiment that draws many subsets
 * reads and hashes each 47 MB file once. Keyed by path, size and modification time; holds a few
 * folders at once, so alternating data sets (Fashion-MNIST for pretraining, then MNIST) do not
 * evict each other.
 */
final class MnistCache {
  /** Folders kept; the least recently used goes first. */
  static final int ENTRIES = 4;

  private static final Map<String, SoftReference<MnistFiles.Pair>> CACHE =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoftReference<MnistFiles.Pair>> e) {
          return size() > ENTRIES;
        }
      };

  private MnistCache() {}

  static synchronized MnistFiles.Pair trainPair(MnistFiles files) throws IOException {
    Path images = files.require(MnistFiles.TRAIN_IMAGES);
    Path labels = files.require(MnistFiles.TRAIN_LABELS);
    String key = stamp(images) + "|" + stamp(labels);
    SoftReference<MnistFiles.Pair> ref = CACHE.get(key);
    MnistFiles.Pair pair = ref == null ? null : ref.get();
    if (pair == null) {
      pair = files.readPair(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
      CACHE.values().removeIf(r -> r.get() == null);
      CACHE.put(key, new SoftReference<>(pair));
    }
    return pair;
  }

  private static String stamp(Path p) throws IOException {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    return p.toRealPath() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
  }
}
