package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.ImageSet;
import org.rmnist.api.ImageShape;
import org.rmnist.api.Seed;
import org.rmnist.host.ConfigException;

/** Huge previews are refused with a message instead of overflowing. */
class PreviewTest {
  @Test
  void optionsAreRangeChecked() {
    assertEquals(
        "--n: 0 is out of range; expected 1..1000 (images per class)",
        assertThrows(
                ConfigException.class,
                () -> Preview.checkRange("--n", 0, 1, Preview.MAX_PER_CLASS, "images per class"))
            .getMessage());
  }

  @Test
  void anImageTooLargeIsRefused() {
    int n = 500;
    ImageSet images = new ImageSet(new float[n * 784], new int[n], ImageShape.MNIST, new int[n]);
    assertEquals(
        "preview: 500 images x (original + 1000 versions) at scale 64 make a 1795800 x "
            + "897002 image, more than 100000000 pixels; show fewer images (--n), versions or a "
            + "smaller scale",
        assertThrows(
                ConfigException.class,
                () -> Preview.render(images, List.of(), 1000, new Seed(0), null, 64))
            .getMessage());
    assertEquals(
        "versions: 5000 is out of range; expected 0..1000 (distorted versions)",
        assertThrows(
                ConfigException.class,
                () -> Preview.render(images, List.of(), 5000, new Seed(0), null, 1))
            .getMessage());
  }

  @Test
  void classRowsPutEachClassOnARowAndItsImagesAcross() {
    // 3 classes x 2 images of 2x2 pixels, each image a different grey
    int[] labels = {2, 0, 1, 0, 2, 1};
    float[] px = new float[6 * 4];
    for (int i = 0; i < 6; i++) {
      java.util.Arrays.fill(px, i * 4, i * 4 + 4, (i + 1) / 10f);
    }
    ImageSet set = new ImageSet(px, labels, new ImageShape(1, 2, 2), new int[6]);
    java.awt.image.BufferedImage png = Preview.classRows(set, 1);
    int cell = 2 + 2; // width * scale + gap
    assertEquals(2 * cell + 2 + 4, png.getWidth());
    assertEquals(3 * (2 + 2) + 2, png.getHeight());
    // class 0 first: its images are set 1 and 3, left to right
    assertEquals(255 - 51, png.getRGB(2, 2) & 0xff, "class 0's first image (grey 0.2)");
    assertEquals(255 - 102, png.getRGB(2 + cell + 4, 2) & 0xff, "class 0's second (grey 0.4)");
    // class 2 on the third row: images 0 and 4 (greys 0.1 and 0.5)
    assertEquals(255 - 26, png.getRGB(2, 2 + 2 * (2 + 2)) & 0xff);
    assertEquals(255 - 128, png.getRGB(2 + cell + 4, 2 + 2 * (2 + 2)) & 0xff);
    int[] unequal = {0, 0, 1};
    ImageSet uneven = new ImageSet(new float[12], unequal, new ImageShape(1, 2, 2), new int[3]);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Preview.classRows(uneven, 1))
            .getMessage()
            .startsWith("class 1 has 1 images, class 0 2"));
  }
}
