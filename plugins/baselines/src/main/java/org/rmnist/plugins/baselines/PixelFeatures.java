package org.rmnist.plugins.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rmnist.api.ImageSet;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Images as Tribuo examples: one feature per pixel, named {@code p000 .. p783} so that Tribuo's
 * feature ids (assigned in name order) equal pixel indices.
 *
 * <p>The feature domain always holds every pixel, also those that are zero in every training image:
 * a test pixel unseen in training still counts in an RBF kernel's distance. Zero pixels are left
 * out of each example, which is exact for dot products and distances.
 */
final class PixelFeatures {
  private static final Map<Integer, PixelFeatures> CACHE = new ConcurrentHashMap<>();
  private static final LabelFactory LABELS = new LabelFactory();

  private final String[] names;
  private final ImmutableFeatureMap domain;

  private PixelFeatures(int size) {
    int digits = Integer.toString(size - 1).length();
    names = new String[size];
    MutableFeatureMap map = new MutableFeatureMap();
    for (int p = 0; p < size; p++) {
      names[p] = "p" + "0".repeat(digits - Integer.toString(p).length()) + p;
      map.add(names[p], 0.0);
    }
    domain = new ImmutableFeatureMap(map);
    for (int p = 0; p < size; p++) {
      if (domain.getID(names[p]) != p) {
        throw new IllegalStateException(
            "feature " + names[p] + " got id " + domain.getID(names[p]));
      }
    }
  }

  /** The features for images of {@code size} pixels (built once per size). */
  static PixelFeatures of(int size) {
    return CACHE.computeIfAbsent(size, PixelFeatures::new);
  }

  /** Every pixel as a feature; ids are pixel indices. */
  ImmutableFeatureMap domain() {
    return domain;
  }

  /** The images as a Tribuo dataset labelled {@code "0" .. "9"}. */
  ImmutableDataset<Label> dataset(ImageSet images) {
    MutableOutputInfo<Label> info = LABELS.generateInfo();
    List<Example<Label>> examples = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      Label label = new Label(Integer.toString(images.labels()[i]));
      info.observe(label);
      examples.add(example(label, images.pixels(), images.offset(i)));
    }
    return new ImmutableDataset<>(
        examples,
        new SimpleDataSourceProvenance("rmnist images", LABELS),
        LABELS,
        domain,
        info.generateImmutableOutputInfo(),
        false);
  }

  private Example<Label> example(Label label, float[] pixels, int offset) {
    int nonZero = countNonZero(pixels, offset, names.length);
    String[] n = new String[Math.max(1, nonZero)];
    double[] v = new double[n.length];
    n[0] = names[0]; // an all-black image keeps one explicit zero: Tribuo rejects empty examples
    for (int p = 0, k = 0; p < names.length; p++) {
      float x = pixels[offset + p];
      if (x != 0) {
        n[k] = names[p];
        v[k++] = x;
      }
    }
    return new ArrayExample<>(label, n, v);
  }

  private static int countNonZero(float[] pixels, int offset, int size) {
    int count = 0;
    for (int p = 0; p < size; p++) {
      if (pixels[offset + p] != 0) {
        count++;
      }
    }
    return count;
  }
}
