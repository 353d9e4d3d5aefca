package io.casegrid.stack;

import io.casegrid.embedded.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, as the consoles' tests use it. The
 * browser and driver are the system's ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, or
 * {@code -Dcasegrid.chromium} and {@code -Dcasegrid.chromedriver}); when they are missing, {@code
 * deploy/browser/install-chromium.sh} installs them. Selenium is given both paths, so it never
 * looks for or downloads a browser of its own.
 */
final class ConsoleBrowser implements AutoCloseable {

  private static final Path BROWSER =
      Path.of(System.getProperty("casegrid.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER =
      Path.of(System.getProperty("casegrid.chromedriver", "/usr/bin/chromedriver"));
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final Path profile;
  private final WebDriverWait wait;
  // The screen of the phone the pages are shown on, if they are (see asPhone).
  private Dimension phone;

  private ConsoleBrowser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, PATIENCE);
  }

  /** A fresh browser: its own profile, so no cookie of another test is in it. */
  static ConsoleBrowser open() {
    ensureInstalled();
    try {
      Path profile = Files.createTempDirectory("casegrid-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BROWSER.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--user-data-dir=" + profile,
          "--window-size=1366,900",
          "--lang=zh-CN");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(DRIVER.toFile())
              .usingAnyFreePort()
              .build();
      return new ConsoleBrowser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean installChecked;

  // The project's script installs what is missing (it returns at once when nothing is); a browser
  // of one's own, named by the properties, is taken as it is.
  private static synchronized void ensureInstalled() {
    if (installChecked
        || System.getProperty("casegrid.chromium") != null
        || System.getProperty("casegrid.chromedriver") != null) {
      return;
    }
    Path script =
        Path.of(System.getProperty("casegrid.repo.root", "../.."))
            .resolve("deploy/browser/install-chromium.sh");
    try {
      Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
      if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
        throw new IllegalStateException(
            script
                + " could not install Chromium; the browser tests need "
                + BROWSER
                + " and "
                + DRIVER);
      }
      installChecked = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  void get(String url) {
    driver.get(url);
  }

  /**
   * Shows the current tab's pages as a phone of {@code width}×{@code height} CSS pixels does: the
   * viewport of that size, with the mobile meta viewport in effect. A headless window cannot be
   * made that narrow, so the device's metrics are emulated; a new tab needs this again.
   */
  void asPhone(int width, int height) {
    phone = new Dimension(width, height);
    showAs(height);
  }

  private void showAs(int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width", phone.getWidth(), "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  /**
   * Lets the pages of {@code origin} ask where the device is, and answers them {@code latitude},
   * {@code longitude} (within 8 m), as a phone's location service would; in the current tab.
   */
  void standAt(String origin, double latitude, double longitude) {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of("origin", origin, "permissions", List.of("geolocation")));
    driver.executeCdpCommand(
        "Emulation.setGeolocationOverride",
        Map.of("latitude", latitude, "longitude", longitude, "accuracy", 8));
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Opens the console at {@code consoleUrl}, signs in on the identity provider's page and waits
   * until the browser has followed the redirect back to the console page ending in {@code
   * landingPath}; the click alone returns before that.
   */
  void signIn(String consoleUrl, String username, String landingPath) {
    get(consoleUrl);
    visible("#username").sendKeys(username);
    find("#password").sendKeys("demo");
    find("#sign-in").click();
    wait.until(ExpectedConditions.urlMatches(Pattern.quote(landingPath) + "$"));
  }

  void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** The fields of the page a screen reader could not name: neither a label nor an aria name. */
  List<?> unlabelledFields() {
    return (List<?>)
        script(
            "return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(f => f.type !== 'hidden')"
                + ".filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label')"
                + " && !f.getAttribute('aria-labelledby'))"
                + ".map(f => f.id || f.name)");
  }

  /**
   * The controls inside {@code container} a finger cannot hit well: every visible button, field,
   * list, and label of a choice less than {@code pixels} CSS pixels high, as "element 'text' h".
   */
  List<?> smallTouchTargets(String container, int pixels) {
    return (List<?>)
        script(
            "return [...document.querySelector(arguments[0]).querySelectorAll("
                + "'button, select, textarea, input:not([type=radio]):not([type=checkbox]),"
                + " label.choice, label.big-choice, summary')]"
                + ".map(e => [e, e.getBoundingClientRect()])"
                + ".filter(([e, r]) => r.width > 0 && r.height > 0 && r.height < arguments[1])"
                + ".map(([e, r]) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + \" '\" + e.textContent.trim().slice(0, 30) + \"' \" + Math.round(r.height))",
            container,
            pixels);
  }

  /**
   * The text of the page that is hard to read: every visible element with text of its own whose
   * colour has a WCAG 2.x contrast ratio against the background it is painted on below 4.5:1 (3:1
   * for large text, at least 24px, or 18.66px bold), as "element 'text' colour on background:
   * ratio". The background is found as the browser paints it: the element's and its ancestors'
   * background colours composited from the page upwards, with each one's opacity. Text over a
   * background image or inside SVG (the maps, drawn with their own halo) is not judged.
   */
  List<String> lowContrastTexts() {
    List<?> found = (List<?>) script(CONTRAST_SCRIPT);
    return found.stream().map(String::valueOf).toList();
  }

  private static final String CONTRAST_SCRIPT =
      """
      const rgba = (c) => {
        const m = /rgba?\\(([^)]+)\\)/.exec(c);
        if (!m) return null;
        const [r, g, b, a] = m[1].split(/[ ,\\/]+/).filter((x) => x).map(Number);
        return [r, g, b, a === undefined ? 1 : a];
      };
      // Premultiplied source over destination.
      const over = (s, d) => [0, 1, 2, 3].map((i) => s[i] + d[i] * (1 - s[3]));
      const pre = (c, o) => [c[0] * c[3] * o, c[1] * c[3] * o, c[2] * c[3] * o, c[3] * o];
      const scale = (c, o) => c.map((v) => v * o);
      const luminance = (c) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => {
        const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (l1 + 0.05) / (l2 + 0.05);
      };
      const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
      const found = [];
      for (const el of document.body.querySelectorAll('*')) {
        const own = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .trim();
        if (!own || el.closest('svg, script, style, noscript, option')) continue;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (style.visibility !== 'visible' || box.width < 2 || box.height < 2) continue;
        if (el.closest('.visually-hidden')) continue;
        // From the element up to the page: each one paints its background, then its children
        // (opacity fading the whole group over what lies beneath).
        let text = over(pre(rgba(style.color), 1), pre(rgba(style.backgroundColor), 1));
        let ground = pre(rgba(style.backgroundColor), 1);
        let imaged = style.backgroundImage !== 'none';
        for (let n = el; n; n = n.parentElement) {
          const s = n === el ? style : getComputedStyle(n);
          if (n !== el) {
            imaged = imaged || s.backgroundImage !== 'none';
            const bg = pre(rgba(s.backgroundColor), 1);
            text = over(text, bg);
            ground = over(ground, bg);
          }
          const o = Number(s.opacity);
          text = scale(text, o);
          ground = scale(ground, o);
        }
        if (imaged) continue;
        const white = [255, 255, 255, 1];
        text = over(text, white);
        ground = over(ground, white);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const contrast = ratio(text, ground);
        if (contrast < (large ? 3 : 4.5)) {
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
          found.push(`${name} '${own.slice(0, 40)}' ${hex(text)} on ${hex(ground)}: ${contrast.toFixed(2)}`);
        }
      }
      return found;
      """;

  /** What the page loaded from another origin than its own. */
  List<?> foreignResources() {
    return (List<?>)
        script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(u => !u.startsWith(location.origin))");
  }

  /** The whole page as a PNG in the build's screenshots folder, for a reviewer to look at. */
  Path screenshot(String name) {
    Path folder = Path.of(System.getProperty("casegrid.screenshots", "target/screenshots"));
    Dimension window = driver.manage().window().getSize();
    try {
      long height =
          (Long) script("window.scrollTo(0, 0); return document.documentElement.scrollHeight");
      if (phone != null) {
        showAs((int) Math.max(height, phone.getHeight()));
      } else {
        driver
            .manage()
            .window()
            .setSize(new Dimension(window.getWidth(), (int) Math.max(height, 600)));
      }
      Files.createDirectories(folder);
      Path file = folder.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (phone != null) {
        showAs(phone.getHeight());
      } else {
        driver.manage().window().setSize(window);
      }
    }
  }

  @Override
  public void close() {
    driver.quit();
    try {
      TestInfrastructure.deleteRecursively(profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
