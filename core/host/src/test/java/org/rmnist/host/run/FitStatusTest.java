package org.rmnist.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmnist.api.Progress;
import org.rmnist.host.util.Json;

/** Where a worker's fit is travels in its claim's heartbeat to the launching command's line. */
class FitStatusTest {
  @TempDir Path tmp;

  @Test
  void theHeartbeatCarriesTheFitAndTheMonitorLineDescribesIt() throws IOException {
    FitStatus fit = new FitStatus(Progress.NONE);
    assertEquals(Map.of(), fit.snapshot(), "nothing before the fit starts");
    fit.start("epochs", 3000);
    fit.advance(1000);
    fit.report(Progress.LOSS, 0.0352);
    fit.report(Progress.VALIDATION_ACCURACY, 0.5635);
    try (Claim c = Claim.tryTake(tmp, Claim.owner("w1")).orElseThrow()) {
      c.beat(fit.snapshot());
      Map<?, ?> claim = Json.MAPPER.readValue(tmp.resolve(Claim.FILE).toFile(), Map.class);
      String shown = FitStatus.describe(claim.get("fit"));
      assertTrue(shown.startsWith(", epochs 1000/3000, loss 0.03520, val 56.35%, ETA "), shown);
      c.beat(Map.of());
      claim = Json.MAPPER.readValue(tmp.resolve(Claim.FILE).toFile(), Map.class);
      assertEquals("", FitStatus.describe(claim.get("fit")), "a new run's claim starts bare");
    }
    assertEquals("", FitStatus.describe(null), "a claim from a worker that reports nothing");
  }
}
