package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Component;
import org.rmnist.api.ExtractorContext;
import org.rmnist.api.FeatureExtractor;
import org.rmnist.api.Featurizer;
import org.rmnist.api.ImageSet;
import org.rmnist.api.Progress;

/**
 * The contract of a {@link FeatureExtractor}, opened with {@link #config()} (usually naming a small
 * model file the test writes): one vector of {@code dimension()} finite floats per image, the same
 * features from two openings and from one thread or two, a stable cache key, and the images
 * untouched. Extractors draw no random numbers, so there is no seed to vary. Plus everything {@link
 * ComponentContract} checks.
 *
 * @param <C> the config record
 */
public abstract class FeatureExtractorContract<C extends Record> extends ComponentContract<C> {

  /** The extractor under test. */
  protected abstract FeatureExtractor<C> extractor();

  /** The config the tests open the extractor with. */
  protected abstract C config();

  @Override
  protected final Component<C> component() {
    return extractor();
  }

  @Override
  protected List<C> configs() {
    return List.of(extractor().defaults(), config());
  }

  /** Folders the context looks for model files in; none unless overridden. */
  protected List<Path> modelRoots() {
    return List.of();
  }

  /** Images to extract features of: one 28x28 blob per class of ten unless overridden. */
  protected ImageSet images() {
    return TestImages.blobs(10, 1, 4);
  }

  private float[] extract(int threads, ImageSet images) throws IOException {
    ExtractorContext ctx = new ExtractorContext(modelRoots(), Progress.NONE, threads);
    try (Featurizer f = extractor().open(config(), ctx)) {
      return f.extract(images);
    }
  }

  private String cacheKey() throws IOException {
    ExtractorContext ctx = new ExtractorContext(modelRoots(), Progress.NONE, 1);
    try (Featurizer f = extractor().open(config(), ctx)) {
      return f.cacheKey();
    }
  }

  @Test
  void oneFiniteVectorOfTheDimensionPerImage() throws IOException {
    ImageSet images = images();
    ExtractorContext ctx = new ExtractorContext(modelRoots(), Progress.NONE, 1);
    try (Featurizer f = extractor().open(config(), ctx)) {
      assertTrue(f.dimension() > 0, "dimension " + f.dimension());
      float[] features = f.extract(images);
      assertEquals((long) images.size() * f.dimension(), features.length, "features length");
      for (int i = 0; i < features.length; i++) {
        assertTrue(Float.isFinite(features[i]), "feature " + i + " is " + features[i]);
      }
      assertArrayEquals(features, f.extract(images), "a second extract on the same featurizer");
    }
  }

  @Test
  void sameConfigSameFeatures() throws IOException {
    assertArrayEquals(extract(1, images()), extract(1, images()), "two openings");
  }

  @Test
  void oneThreadEqualsTwoThreads() throws IOException {
    assertArrayEquals(extract(1, images()), extract(2, images()), "threads 1 and 2");
  }

  @Test
  void cacheKeyIsStableAndSaysSomething() throws IOException {
    String key = cacheKey();
    assertFalse(key == null || key.isBlank(), "cacheKey() is blank");
    assertEquals(key, cacheKey(), "cacheKey() of two openings");
  }

  @Test
  void extractionLeavesTheImagesUntouched() throws IOException {
    ImageSet images = images();
    float[] copy = images.pixels().clone();
    extract(1, images);
    assertArrayEquals(copy, images.pixels(), "extract modified the images");
  }
}
