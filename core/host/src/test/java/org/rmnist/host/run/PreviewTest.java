package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
