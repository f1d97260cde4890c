package org.rmnist.plugins.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;

/** Pixels become Tribuo features whose ids are pixel indices; every pixel stays in the domain. */
class PixelFeaturesTest {

  @Test
  void theDomainHoldsEveryPixelInOrder() {
    PixelFeatures f = PixelFeatures.of(784);
    assertEquals(784, f.domain().size());
    assertEquals(0, f.domain().getID("p000"));
    assertEquals(783, f.domain().getID("p783"));
    assertEquals(100, f.domain().getID("p100"));
  }

  @Test
  void pixelsThatAreZeroInEveryTrainingImageStayInTheDomain() {
    float[] px = new float[2 * 4];
    px[1] = 0.5f;
    px[4 + 2] = 0.25f;
    ImageSet set = new ImageSet(px, new int[] {0, 1}, new ImageShape(1, 2, 2), new int[] {0, 1});
    var data = PixelFeatures.of(4).dataset(set);
    assertEquals(4, data.getFeatureIDMap().size());
    assertEquals(2, data.size());
  }
}
