package org.rmnist.host.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final String RUN = "[3/6] convnet mnist n=1 draw=0 seed=1";

  private static ProgressLine fit(String context) {
    Map<String, Double> measures = new LinkedHashMap<>();
    measures.put("loss", 0.012345);
    measures.put("val_accuracy", 0.6123);
    return new ProgressLine(
        RUN,
        "epochs",
        1350,
        3000,
        measures,
        Duration.ofSeconds(27),
        Duration.ofSeconds(3733),
        context);
  }

  @Test
  void aFitShowsItsEpochBarMeasuresElapsedEtaAndTheExperiment() {
    assertEquals(
        RUN
            + ": epochs 1350/3000 [#####       ] 45% | elapsed 0:27, ETA 1:02:13 | loss 0.01235"
            + " | val_accuracy 61.23% | demo: 2/6 done, ETA 3:10",
        fit("demo: 2/6 done, ETA 3:10").text(1000));
  }

  @Test
  void unknownTotalsEtasAndUnmeasuredValuesAreLeftOut() {
    Map<String, Double> measures = new LinkedHashMap<>();
    measures.put("loss", Double.NaN);
    assertEquals(
        "download: 512 | elapsed 1:05, ETA ?",
        new ProgressLine("download", "", 512, 0, measures, Duration.ofSeconds(65), null, null)
            .text(200));
  }

  @Test
  void aNarrowTerminalShortensTheNameThenDropsTheExperimentButKeepsBarAndEta() {
    ProgressLine line = fit("demo: 2/6 done, ETA 3:10");
    String full = line.text(1000);
    String shorter = line.text(full.length() - 10);
    assertEquals(full.length() - 10, shorter.length());
    assertTrue(shorter.startsWith("[3/6] convnet mnist n=1 dr~: epochs 1350/3000"), shorter);
    assertTrue(shorter.endsWith("| demo: 2/6 done, ETA 3:10"), shorter);
    String narrow = line.text(120);
    assertTrue(narrow.length() <= 120, narrow);
    assertTrue(narrow.endsWith("ETA 1:02:13 | loss 0.01235 | val_accuracy 61.23%"), narrow);
    assertTrue(narrow.startsWith("[3/6] convnet"), narrow);
    assertEquals(
        "[3/6] convn~: epochs 1350/3000 [#####       ] 45% | elapsed 0:27, ETA 1:02:13",
        line.text(79));
  }

  @Test
  void accuraciesArePercentagesAndDurationsHoursMinutesSeconds() {
    assertEquals("val_accuracy 93.20%", ProgressLine.measure("val_accuracy", 0.932));
    assertEquals("loss 2.303", ProgressLine.measure("loss", 2.302585));
    assertEquals("26:03:07", ProgressLine.duration(Duration.ofSeconds(26 * 3600 + 187)));
    assertEquals("59:59", ProgressLine.duration(Duration.ofSeconds(3599)));
    assertEquals("0:05", ProgressLine.duration(Duration.ofMillis(5999)));
  }
}
