package dev.flywheel.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver. Both paths are given
 * explicitly, so Selenium never tries to download a browser or a driver. When they are missing
 * and we run as root on Debian, they are installed with apt-get (as {@code .ci/run} does).
 */
public final class Browser {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** As long as the browser tests' own waits. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Browser() {}

  public static WebDriver start(String language) {
    ensureInstalled();
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
          "--lang=" + language,
          "--user-data-dir=" + Files.createTempDirectory("flywheel-chromium").toAbsolutePath());
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return driver;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Clicks something that loads a new page (a form submit, a link) and waits until the old page is
   * gone, so that what the test looks for next cannot be found on the page it just left.
   */
  public static void clickAndAwaitNewPage(WebDriver driver, WebElement element,
      WebDriverWait wait) {
    var oldPage = driver.findElement(By.tagName("html"));
    element.click();
    wait.until(ExpectedConditions.stalenessOf(oldPage));
  }

  /**
   * {@link #clickAndAwaitNewPage(WebDriver, WebElement, WebDriverWait)} for a link or button inside
   * content that htmx re-renders in place (a polled panel, a list swapped twice): when the element
   * was replaced between the find and the click, nothing was clicked, so it is found again.
   */
  public static void clickAndAwaitNewPage(WebDriver driver, By locator, WebDriverWait wait) {
    var oldPage = driver.findElement(By.tagName("html"));
    wait.until(d -> clickIfClickable(d, locator));
    wait.until(ExpectedConditions.stalenessOf(oldPage));
  }

  /**
   * A wait for content that is re-rendered in place (htmx polling, a preview swapped while typing):
   * an element found a moment ago may be replaced before it is read, which means "look again".
   * Only for such content: after a page load, wait for the new page instead.
   */
  public static FluentWait<WebDriver> reRendering(WebDriver driver) {
    return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
  }

  /**
   * Reads an element of content that is re-rendered in place, finding it again when it was replaced
   * between the find and the read; the value is returned as read (a {@code false} is not waited away).
   */
  public static <T> T readReRendered(WebDriver driver, By locator, Function<WebElement, T> read) {
    return reRendering(driver).until(d -> Optional.ofNullable(read.apply(d.findElement(locator)))).orElse(null);
  }

  private static boolean clickIfClickable(WebDriver driver, By locator) {
    try {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(driver);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    } catch (StaleElementReferenceException replaced) {
      return false;
    }
  }

  private static synchronized void ensureInstalled() {
    if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name")) || !new File("/usr/bin/apt-get").exists()) {
      throw new IllegalStateException("Browser tests need Debian's Chromium: run "
          + "'apt-get install -y chromium chromium-driver' or build with -Dflywheel.browser-tests=false");
    }
    run("apt-get", "update", "-qq");
    run("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver", "fonts-wqy-microhei");
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("failed: " + String.join(" ", command));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
