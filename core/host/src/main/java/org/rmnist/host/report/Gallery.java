package org.rmnist.host.report;

import static org.rmnist.host.report.HtmlReport.esc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A gallery of a run's wrong validation images: each with its true and predicted digit. */
final class Gallery {
  private Gallery() {}

  /** The HTML of up to {@code max} mistakes of {@code mistakes} (a run's mistakes file). */
  static String html(String title, Map<String, Object> mistakes, int max) {
    int width = mistakes.get("width") instanceof Number w ? w.intValue() : 28;
    int height = mistakes.get("height") instanceof Number h ? h.intValue() : 28;
    List<?> images = mistakes.get("images") instanceof List<?> l ? l : List.of();
    StringBuilder sb = new StringBuilder("<figure class=\"mistakes\"><figcaption>");
    sb.append(esc(title))
        .append(": ")
        .append(mistakes.get("wrong"))
        .append(" of ")
        .append(mistakes.get("total"))
        .append(" validation images wrong; the ")
        .append(Math.min(max, images.size()))
        .append(" it was most sure of (true → predicted, confidence)</figcaption>\n")
        .append("<div class=\"gallery\">");
    int shown = 0;
    for (Object o : images) {
      if (shown == max) {
        break;
      }
      if (!(o instanceof Map<?, ?> m)
          || !(m.get("pixels") instanceof String)
          || !(m.get("confidence") instanceof Number)) {
        continue; // not what a run writes: left out rather than failing the page
      }
      shown++;
      byte[] pixels;
      try {
        pixels = Base64.getDecoder().decode(m.get("pixels").toString());
      } catch (IllegalArgumentException e) {
        continue;
      }
      String caption =
          m.get("label")
              + " → "
              + m.get("predicted")
              + " "
              + Math.round(((Number) m.get("confidence")).doubleValue() * 100)
              + "%";
      sb.append("<div class=\"mistake\"><img alt=\"")
          .append(esc(caption))
          .append("\" title=\"validation image ")
          .append(m.get("index"))
          .append("\" src=\"data:image/png;base64,")
          .append(png(pixels, width, height))
          .append("\"><span>")
          .append(esc(caption))
          .append("</span></div>");
    }
    return sb.append("</div></figure>\n").toString();
  }

  /** A grey PNG (ink dark on white) of {@code pixels}, one byte each, as base64. */
  static String png(byte[] pixels, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        int v = 255 - (i < pixels.length ? pixels[i] & 0xff : 0);
        img.getRaster().setSample(x, y, 0, v);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
