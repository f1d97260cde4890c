package org.rmnist.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkInputTest {

  private static ImageSet two(ImageShape shape) {
    float[] px = new float[2 * shape.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = i;
    }
    return new ImageSet(px, new int[] {0, 1}, shape, new int[] {0, 1});
  }

  @Test
  void sameSizeCopiesGreyToEveryChannelAndNormalisesPerChannel() {
    ImageSet set = two(new ImageShape(1, 2, 2));
    NetworkInput in =
        new NetworkInput(2, 3, "nchw", "bilinear", List.of(0.0, 1.0, 2.0), List.of(1.0, 2.0, 4.0));
    float[] out = new float[2 * in.valuesPerImage()];
    in.fill(set, 0, 2, out);
    assertArrayEquals(
        new float[] {0, 1, 2, 3, -0.5f, 0, 0.5f, 1, -0.5f, -0.25f, 0, 0.25f},
        java.util.Arrays.copyOf(out, 12));
    assertEquals((7 - 2) / 4f, out[12 + 8 + 3], "second image, channel 2, last pixel");
  }

  @Test
  void nhwcInterleavesChannels() {
    ImageSet set = two(new ImageShape(1, 2, 2));
    NetworkInput in = new NetworkInput(2, 2, "nhwc", "nearest", List.of(), List.of());
    float[] out = new float[in.valuesPerImage()];
    in.fill(set, 1, 2, out);
    assertArrayEquals(new float[] {4, 4, 5, 5, 6, 6, 7, 7}, out);
  }

  @Test
  void bilinearUpsamplingMatchesPyTorchsHalfPixelRule() {
    // torch.nn.functional.interpolate(torch.tensor([[[[0.,1.],[2.,3.]]]]), size=4,
    // mode="bilinear", align_corners=False)[0,0,0] == [0, 0.25, 0.75, 1]
    NetworkInput in = new NetworkInput(4, 1, "nchw", "bilinear", List.of(), List.of());
    float[] out = new float[in.valuesPerImage()];
    in.fill(two(new ImageShape(1, 2, 2)), 0, 1, out);
    assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, java.util.Arrays.copyOf(out, 4), 1e-6f);
    assertArrayEquals(
        new float[] {2, 2.25f, 2.75f, 3}, java.util.Arrays.copyOfRange(out, 12, 16), 1e-6f);
  }

  @Test
  void padCentresTheImage() {
    NetworkInput in = new NetworkInput(4, 1, "nchw", "pad", List.of(), List.of());
    float[] out = new float[in.valuesPerImage()];
    in.fill(two(new ImageShape(1, 2, 2)), 0, 1, out);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 3, 0, 0, 0, 0, 0}, out);
  }

  @Test
  void badSettingsNameTheKey() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NetworkInput(32, 3, "chw", "bilinear", null, null));
    assertTrue(e.getMessage().startsWith("layout:"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NetworkInput(32, 3, "nchw", "bilinear", List.of(0.1, 0.2), null));
    assertTrue(e.getMessage().startsWith("mean: expected 1 or 3 values"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NetworkInput(32, 1, "nchw", "bilinear", null, List.of(0.0)));
    assertTrue(e.getMessage().startsWith("std:"), e.getMessage());
    NetworkInput pad = new NetworkInput(2, 1, "nchw", "pad", null, null);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> pad.fill(two(new ImageShape(1, 3, 3)), 0, 1, new float[9]));
    assertTrue(e.getMessage().contains("smaller than the images"), e.getMessage());
  }

  @Test
  void batchesCoverEveryImageOnceAndFixedBatchesArePadded() {
    ImageSet five =
        new ImageSet(new float[] {1, 2, 3, 4, 5}, new int[5], new ImageShape(1, 1, 1), new int[5]);
    NetworkInput in = new NetworkInput(1, 1, "nchw", "bilinear", null, null);
    StringBuilder seen = new StringBuilder();
    in.forEachBatch(
        five,
        2,
        0,
        Progress.NONE,
        "test",
        (b, rows, start, count) ->
            seen.append(start)
                .append(':')
                .append(count)
                .append('/')
                .append(rows)
                .append(java.util.Arrays.toString(java.util.Arrays.copyOf(b, rows)))
                .append(' '));
    assertEquals("0:2/2[1.0, 2.0] 2:2/2[3.0, 4.0] 4:1/1[5.0] ", seen.toString());
    seen.setLength(0);
    in.forEachBatch(
        five,
        2,
        3,
        Progress.NONE,
        "test",
        (b, rows, start, count) ->
            seen.append(start)
                .append(':')
                .append(count)
                .append('/')
                .append(rows)
                .append(java.util.Arrays.toString(java.util.Arrays.copyOf(b, rows)))
                .append(' '));
    assertEquals("0:3/3[1.0, 2.0, 3.0] 3:2/3[4.0, 5.0, 0.0] ", seen.toString());
  }
}
