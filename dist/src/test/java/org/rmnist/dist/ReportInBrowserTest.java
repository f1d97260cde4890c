package org.rmnist.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report of a small real experiment, opened in headless Chromium (Debian's chromium and
 * chromium-driver, which .ci/run installs): no console error, every chart drew pixels, every
 * picture loaded, and the table shows what results.jsonl holds. Screenshots go to
 * target/report-screenshots/.
 */
class ReportInBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path tmp;
  private static ChromeDriver browser;
  private static Map<String, String> env;

  @BeforeAll
  static void experimentsAndBrowser() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String msg =
          "no " + CHROMIUM + " or " + DRIVER + " (apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    env = Map.of("RMNIST_DATA", Cli.mnist().toString());
    String yaml = Path.of("src/test/resources/report-small.yaml").toAbsolutePath().toString();
    Cli.Result small = Cli.rmnist(env, "run", yaml, "--results-dir", tmp.toString());
    assertEquals(0, small.exit(), small.out());
    Cli.Result knn =
        Cli.rmnist(
            env,
            "run",
            yaml,
            "--results-dir",
            tmp.toString(),
            "name=report-knn",
            "runs.cnn.enabled=false");
    assertEquals(0, knn.exit(), knn.out());

    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars");
    options.addArguments("--window-size=1300,2400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theReportEveryRunWritesDrawsEverythingAndShowsResultsJsonl() throws Exception {
    Path report = tmp.resolve("report-small/report.html");
    assertTrue(Files.isRegularFile(report), "run wrote no " + report);
    // accuracy against N, a learning curve per N of the convnet, a confusion matrix per run and N
    check(report, "report-small", 1 + 2 + 4);
    checkTable(tmp.resolve("report-small"));
  }

  @Test
  void severalExperimentsShareOnePageWithAComparison() throws Exception {
    Path out = tmp.resolve("both.html");
    Cli.Result r =
        Cli.rmnist(
            env,
            "report",
            "report-small",
            "report-knn",
            "--results-dir",
            tmp.toString(),
            "--out",
            out.toString());
    assertEquals(0, r.exit(), r.out());
    check(out, "report-both", 1 + (1 + 2 + 4) + (1 + 2));
    assertEquals(1, browser.findElements(By.id("compare-validation")).size());
    List<WebElement> sections = browser.findElements(By.cssSelector("section.experiment h2"));
    assertEquals(
        List.of("report-small", "report-knn"), sections.stream().map(WebElement::getText).toList());
  }

  /** Opens {@code page}: no error, every chart drew, every image loaded; saves a screenshot. */
  private static void check(Path page, String name, int charts) throws Exception {
    browser.get(page.toUri().toString());
    JavascriptExecutor js = browser;
    assertEquals(Boolean.TRUE, js.executeScript("return window.reportReady === true"), name);
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
    @SuppressWarnings("unchecked")
    List<Object> pageErrors = (List<Object>) js.executeScript("return window.reportErrors");
    pageErrors.forEach(e -> errors.add(String.valueOf(e)));
    assertEquals(List.of(), errors, name + ": errors in the browser console");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> canvases =
        (List<Map<String, Object>>)
            js.executeScript(
                "return Array.from(document.querySelectorAll('canvas')).map(function (c) {"
                    + "  var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "  var ink = 0;"
                    + "  for (var i = 0; i < d.length; i += 4) {"
                    + "    if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235))"
                    + "      ink++;"
                    + "  }"
                    + "  return {id: c.id, ink: ink, w: c.width, h: c.height};"
                    + "});");
    assertEquals(charts, canvases.size(), name + ": " + canvases);
    assertEquals(
        (long) charts, js.executeScript("return window.reportCharts.length"), name + ": charts");
    for (Map<String, Object> c : canvases) {
      assertTrue(((Number) c.get("ink")).longValue() > 1000, name + ": blank chart " + c);
    }
    @SuppressWarnings("unchecked")
    List<Object> broken =
        (List<Object>)
            js.executeScript(
                "return Array.from(document.images).filter(function (i) {"
                    + "  return !i.complete || i.naturalWidth === 0; }).map(function (i) {"
                    + "  return i.alt; });");
    assertEquals(List.of(), broken, name + ": images that did not load");
    Path shots = Path.of("target/report-screenshots");
    Files.createDirectories(shots);
    Files.move(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shots.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every cell of the validation table equals mean ± std of its rows in results.jsonl. */
  @SuppressWarnings("unchecked")
  private static void checkTable(Path folder) throws Exception {
    Map<String, List<Double>> byCell = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(folder.resolve("results.jsonl"))) {
      Map<String, Object> r = json.readValue(line, Map.class);
      if ("validation".equals(r.get("split"))) {
        byCell
            .computeIfAbsent(r.get("run") + "/" + r.get("n"), k -> new ArrayList<>())
            .add(((Number) r.get("accuracy")).doubleValue() * 100);
      }
    }
    List<WebElement> cells =
        browser.findElements(By.cssSelector("table.summary[data-split=validation] td[data-run]"));
    assertEquals(byCell.size(), cells.size(), "table cells against results.jsonl " + byCell);
    for (WebElement td : cells) {
      String key = td.getAttribute("data-run") + "/" + td.getAttribute("data-n");
      List<Double> acc = byCell.get(key);
      assertTrue(acc != null, "a table cell without rows: " + key);
      double mean = acc.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      String expected = String.format(Locale.ROOT, "%.2f", mean);
      if (acc.size() > 1) {
        double ss = acc.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        expected += String.format(Locale.ROOT, " ± %.2f", Math.sqrt(ss / (acc.size() - 1)));
      }
      assertEquals(expected, td.findElement(By.className("value")).getText(), key);
    }
  }
}
